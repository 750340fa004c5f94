"""``flask --app kiosk verify-code``: check a code offline, with the public keys only."""

import click
from flask import current_app
from flask.cli import with_appcontext

from kiosk.casework.certificates.keys import key_file, read_keyring
from queue_mgr.certificates.codes import DocumentType, code_in, read_code

TYPE_NAMES = {DocumentType.GUARDIANSHIP_CERTIFICATE: "guardianship certificate"}


@click.command("verify-code")
@click.argument("code_or_url")
@with_appcontext
def verify_code_command(code_or_url: str):
    """Say whether a certificate code (or its QR's URL) is authentic; exit 1 when not.

    Only the signature is checked, against the key file's public keys: no database, no network,
    so this says nothing of annulment (the public page and the well-known list do).
    """
    path = key_file(current_app)
    if not path.exists():
        raise click.ClickException(f"{path} does not exist: no keys to check against")
    fields = read_code(code_in(code_or_url), read_keyring(path).public_keys())
    if fields is None:
        click.echo("NOT authentic")
        raise SystemExit(1)
    kind = TYPE_NAMES.get(fields.doc_type, f"unknown ({fields.doc_type})")
    click.echo(f"authentic: serial {fields.serial}, issued {fields.issued_on.isoformat()}, "
               f"key {fields.key_id}, type {kind}")
