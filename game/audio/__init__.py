"""game.audio (docs/design.md §8): engine, tyres, crashes, the watch and the menus, synthesised with numpy.

`AudioPlayer` is the one class the app uses; `RaceSoundscape` is the same sound without a device
(tests, tools/render_audio.py).
"""

from game.audio.player import AudioPlayer
from game.audio.soundscape import RaceSoundscape
from game.audio.ui_sounds import UI_SOUND_NAMES, ui_cues
from game.audio.volumes import Volumes

__all__ = ["UI_SOUND_NAMES", "AudioPlayer", "RaceSoundscape", "Volumes", "ui_cues"]
