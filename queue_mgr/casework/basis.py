"""The basis a guardianship rests on: an order (бұйрық / приказ) or a resolution (қаулы /
постановление) of the guardianship body, named on the registry's record and on the certificate."""

from enum import StrEnum


class BasisKind(StrEnum):
    ORDER = "order"  # бұйрық / приказ
    RESOLUTION = "resolution"  # қаулы / постановление


# How a registry file may name the kind: the code, or the word in Kazakh or Russian.
KIND_WORDS = {
    "order": BasisKind.ORDER, "бұйрық": BasisKind.ORDER, "приказ": BasisKind.ORDER,
    "resolution": BasisKind.RESOLUTION, "қаулы": BasisKind.RESOLUTION,
    "постановление": BasisKind.RESOLUTION,
}


def basis_kind(text: str) -> BasisKind | None:
    """The kind a word names (any case, spaces around ignored); None for any other word."""
    return KIND_WORDS.get(text.strip().lower())
