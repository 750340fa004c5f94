"""The board's voice: each call said in Kazakh, then Russian, offline (Debian's espeak-ng), or with
the clips a hall records, which come first; a setting keeps the board silent."""

import io
import math
import shutil
import struct
import wave

import pytest

from kiosk.line.board.voice import parts
from tests.conftest import require


@pytest.fixture
def speaking(app, tmp_path):
    require(shutil.which("espeak-ng") is not None, "the board's voice needs Debian's espeak-ng")
    app.config["BOARD_VOICE_CLIPS"] = str(tmp_path / "recorded")
    app.config["BOARD_VOICE_CACHE"] = str(tmp_path / "espeak")
    return tmp_path / "recorded"


def sound_of(response) -> tuple[wave._wave_params, bytes]:
    with wave.open(io.BytesIO(response.get_data()), "rb") as sound:
        return sound.getparams(), sound.readframes(sound.getnframes())


def tone(path, rate: int = 22050, seconds: float = 0.3) -> bytes:
    """A recorded clip: a 440 Hz tone, as a hall's recording would be in espeak-ng's format."""
    frames = b"".join(struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * n / rate)))
                      for n in range(int(rate * seconds)))
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(rate)
        sound.writeframes(frames)
    return frames


def test_a_call_is_said_as_the_word_the_letter_the_number_and_the_window():
    assert [words for _, words in parts("G016", 3, "kk")] == ["Талон", "G", "16", "3-терезе"]
    assert [words for _, words in parts("G016", 3, "ru")] == ["Талон", "G", "16", "окно", "3"]


def test_the_board_says_a_call_in_kazakh_and_in_russian(client, speaking):
    kazakh = client.get("/board/voice/kk/G016/3.wav")
    russian = client.get("/board/voice/ru/G016/3.wav")

    for answer in (kazakh, russian):
        assert answer.status_code == 200
        assert answer.headers["Content-Type"] == "audio/wav"
        params, _ = sound_of(answer)
        assert params.nframes / params.framerate > 1.0  # a phrase, not a click
    assert sound_of(kazakh)[1] != sound_of(russian)[1]


def test_a_clip_the_hall_recorded_comes_first(client, speaking):
    recorded = tone(speaking / "kk" / "talon.wav")
    elsewhere = tone(speaking / "ru" / "window.wav", rate=8000)  # another format: not joined

    kazakh = sound_of(client.get("/board/voice/kk/G016/3.wav"))
    russian = sound_of(client.get("/board/voice/ru/G016/3.wav"))

    assert kazakh[1].startswith(recorded)
    assert russian[0].framerate == 22050 and elsewhere not in russian[1]


@pytest.mark.parametrize("address", ["/board/voice/en/G016/3.wav", "/board/voice/kk/016/3.wav",
                                     "/board/voice/kk/G016/0.wav", "/board/voice/kk/G1/3.wav",
                                     "/board/voice/kk/G016/1000.wav"])
def test_anything_but_a_call_is_not_found(client, speaking, address):
    assert client.get(address).status_code == 404


def test_a_setting_keeps_the_board_silent(app, client, speaking):
    app.config["BOARD_VOICE"] = False

    assert client.get("/board/voice/kk/G016/3.wav").status_code == 404
    assert "data-voice" not in client.get("/board").get_data(as_text=True)
