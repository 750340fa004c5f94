"""The certificate signing keys: a key file outside the database, the active key, rotation.

The file holds every key the hall has used (JSON, readable by its owner only); the newest is the
active one. Old public keys stay published at ``/.well-known/kiosk-keys.json`` so that codes
signed before a rotation still check out.
"""

import base64
import json
import os
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

import click
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)
from flask import Flask, current_app
from flask.cli import AppGroup

FILE_MODE = 0o600


@dataclass(frozen=True)
class SigningKey:
    key_id: int
    created: str
    private: Ed25519PrivateKey

    @property
    def public(self) -> Ed25519PublicKey:
        return self.private.public_key()

    def public_base64(self) -> str:
        raw = self.public.public_bytes(Encoding.Raw, PublicFormat.Raw)
        return base64.b64encode(raw).decode()


@dataclass(frozen=True, eq=False)  # hashed by identity: a process reads its ring once
class Keyring:
    """Every key of the hall, the newest active."""

    keys: tuple[SigningKey, ...]

    @property
    def active(self) -> SigningKey:
        return self.keys[-1]

    def public_keys(self) -> dict[int, Ed25519PublicKey]:
        return self.public_by_id

    @cached_property
    def public_by_id(self) -> dict[int, Ed25519PublicKey]:
        return {key.key_id: key.public for key in self.keys}


def key_file(app: Flask) -> Path:
    return Path(app.config.get("SIGNING_KEY_FILE") or Path(app.instance_path) / "signing-keys.json")


def signing_keys_ready(app: Flask) -> bool:
    """Whether certificates can be signed: the key file is there, or may be made on first use."""
    return key_file(app).exists() or not app.config.get("REQUIRE_SIGNING_KEY")


def read_keyring(path: Path) -> Keyring:
    data = json.loads(path.read_text())
    keys = tuple(
        SigningKey(entry["id"], entry["created"],
                   Ed25519PrivateKey.from_private_bytes(base64.b64decode(entry["private"])))
        for entry in sorted(data["keys"], key=lambda entry: entry["id"])
    )
    if not keys:
        raise ValueError(f"{path} holds no keys")
    return Keyring(keys)


def write_keyring(path: Path, keyring: Keyring) -> None:
    """Write the key file readable and writable by its owner only."""
    entries = [{"id": key.key_id, "created": key.created, "private": base64.b64encode(
        key.private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())).decode()}
        for key in keyring.keys]
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(descriptor, "w") as out:
        json.dump({"keys": entries}, out, indent=2)
    os.chmod(path, FILE_MODE)


def add_key(path: Path, today: date) -> SigningKey:
    """Add a new key (the first, or a rotation) and make it the active one."""
    keys = read_keyring(path).keys if path.exists() else ()
    key = SigningKey(max((k.key_id for k in keys), default=0) + 1, today.isoformat(),
                     Ed25519PrivateKey.generate())
    write_keyring(path, Keyring((*keys, key)))
    return key


def keyring() -> Keyring:
    """The app's keys, read once per process (a rotation takes effect at the next start)."""
    app = current_app._get_current_object()
    if "keyring" not in app.extensions:
        path = key_file(app)
        if not path.exists() and app.config.get("REQUIRE_SIGNING_KEY"):
            raise RuntimeError(f"{path} does not exist: use `keys generate` first")
        if not path.exists():
            add_key(path, date.today())  # development and tests: a key of their own
        app.extensions["keyring"] = read_keyring(path)
    return app.extensions["keyring"]


keys_command = AppGroup("keys", help="Generate, list and rotate the certificate signing keys.")


@keys_command.command("generate")
def generate():
    """Create the key file with a first key (refuses when it exists)."""
    path = key_file(current_app)
    if path.exists():
        raise click.ClickException(f"{path} exists: use `keys rotate` to add a key")
    key = add_key(path, date.today())
    click.echo(f"key {key.key_id} written to {path} (mode 600)")


@keys_command.command("rotate")
def rotate():
    """Add a new key and sign with it from now on; the old ones stay published."""
    path = key_file(current_app)
    if not path.exists():
        raise click.ClickException(f"{path} does not exist: use `keys generate` first")
    key = add_key(path, date.today())
    click.echo(f"key {key.key_id} is now active; restart the app to sign with it")


@keys_command.command("list")
def list_keys():
    """List the keys: id, creation day, public key; the active one marked."""
    ring = read_keyring(key_file(current_app))
    for key in ring.keys:
        mark = "active" if key is ring.active else "      "
        click.echo(f"{key.key_id:>3}  {mark}  {key.created}  {key.public_base64()}")
