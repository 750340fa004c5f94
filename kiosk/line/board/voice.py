"""The board's voice: each call said in Kazakh, then Russian ("Талон G 16, 3-терезе" / "Талон
G 16, окно 3"), offline. A call is said as parts (the word, the letter, the number, the window),
each a clip: one the hall recorded (``<clips>/<lang>/<part>.wav``) if there is one in the same
format as the others, else one Debian's espeak-ng renders once and keeps. The clips are joined
into one WAV per call and language."""

import io
import logging
import os
import re
import shutil
import subprocess
import tempfile
import wave
from pathlib import Path

from flask import current_app

LANGUAGES = ("kk", "ru")
CALL_CODE = re.compile(r"[^\W\d_]([0-9]{3,6})")  # a ticket's number as printed: G016
PAUSE_SECONDS = 0.15  # between the parts, as a person would breathe
log = logging.getLogger(__name__)


def parts(code: str, window: int, lang: str) -> list[tuple[str, str]]:
    """The parts of a call's announcement: (clip name, the words espeak-ng says for it)."""
    letter, number = code[0], int(code[1:])
    said = [("talon", "Талон"), (f"letter-{letter.lower()}", letter),
            (f"number-{number}", str(number))]
    if lang == "kk":
        return [*said, (f"window-{window}", f"{window}-терезе")]
    return [*said, ("window", "окно"), (f"number-{window}", str(window))]


def recorded_folder() -> Path:
    configured = current_app.config["BOARD_VOICE_CLIPS"]
    return Path(configured or Path(current_app.instance_path) / "voice" / "recorded")


def rendered_folder() -> Path:
    configured = current_app.config["BOARD_VOICE_CACHE"]
    return Path(configured or Path(current_app.instance_path) / "voice" / "espeak")


def espeak() -> str | None:
    return shutil.which("espeak-ng")


def render(words: str, lang: str, path: Path) -> Path:
    """Have espeak-ng say ``words`` into ``path`` once (written whole, then moved in place)."""
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(dir=path.parent, suffix=".wav")
    os.close(handle)
    subprocess.run([espeak(), "-v", lang, "-w", partial, words], check=True, timeout=10,
                   capture_output=True)
    os.replace(partial, path)
    return path


def clip(name: str, words: str, lang: str) -> Path:
    """The part's clip: the hall's recording, or espeak-ng's."""
    recorded = recorded_folder() / lang / f"{name}.wav"
    return recorded if recorded.exists() else render(words, lang, rendered_folder() / lang /
                                                     f"{name}.wav")


def frames_of(path: Path) -> tuple[tuple, bytes]:
    with wave.open(str(path), "rb") as sound:
        return (sound.getnchannels(), sound.getsampwidth(), sound.getframerate()), \
            sound.readframes(sound.getnframes())


def available() -> bool:
    """Whether the board speaks: the setting on, and espeak-ng there (or the hall's clips)."""
    return current_app.config["BOARD_VOICE"] and (
        espeak() is not None or recorded_folder().is_dir())


def announcement(code: str, window: int, lang: str) -> bytes:
    """The call said in one language, as one WAV (the parts in the first part's format; a
    recorded clip in another format gives way to espeak-ng's)."""
    pieces, form = [], None
    for name, words in parts(code, window, lang):
        found = frames_of(clip(name, words, lang))
        if form is not None and found[0] != form:
            log.warning("voice clip %s/%s is not in the format of the others: not used", lang,
                        name)
            found = frames_of(render(words, lang, rendered_folder() / lang / f"{name}.wav"))
        form = form or found[0]
        pieces.append(found[1])
    channels, width, rate = form
    pause = b"\0" * int(rate * PAUSE_SECONDS) * channels * width
    out = io.BytesIO()
    with wave.open(out, "wb") as sound:
        sound.setnchannels(channels)
        sound.setsampwidth(width)
        sound.setframerate(rate)
        sound.writeframes(pause.join(pieces))
    return out.getvalue()
