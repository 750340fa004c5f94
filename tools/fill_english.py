"""Give every English message its source text, so English is as complete as Kazakh and Russian."""

from pathlib import Path

from babel.messages.pofile import read_po, write_po

CATALOG = Path(__file__).resolve().parent.parent / "kiosk/translations/en/LC_MESSAGES/messages.po"


def main() -> None:
    with CATALOG.open("rb") as po:
        catalog = read_po(po, locale="en")
    catalog.obsolete.clear()
    for message in catalog:
        if message.id and not message.string:
            message.string = message.id
    with CATALOG.open("wb") as po:
        write_po(po, catalog, omit_header=False, no_location=True, width=0)


if __name__ == "__main__":
    main()
