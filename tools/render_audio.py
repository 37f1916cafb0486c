"""Render the scripted drive (tools/demo_drive.py) to a WAV file and measure it; or time AudioPlayer.

    .venv/bin/python tools/render_audio.py [--out /tmp/labone-drive.wav] [--cylinders 8] [--fps 60]
    .venv/bin/python tools/render_audio.py --bench 20 [--busy-ms 8]   # AudioPlayer.update() cost, real time

The offline render drives `RaceSoundscape` exactly as `AudioPlayer` does (one observe per frame, the
snapshots of that frame's tick), so the file is what a player hears, minus the device.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import wave
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `tools.demo_drive` when run as a script

import numpy as np

from game.audio import AudioPlayer, RaceSoundscape, Volumes
from game.audio.engine import EngineSpec
from tools.demo_drive import frames, scripted_drive

SEGMENTS_S = (
    ("countdown, idle and a rev", 0.0, 3.0),
    ("four gears, full throttle", 3.0, 13.0),
    ("lift and rear skid", 13.0, 15.0),
    ("gravel", 15.0, 19.0),
    ("cobbles", 19.0, 21.0),
    ("crash", 21.0, 21.5),
    ("winding at idle", 21.5, 24.5),
    ("pusher held (braked)", 25.0, 27.0),
    ("running down", 27.0, 30.0),
    ("stopped: the hush", 30.0, 33.0),
    ("menus: engine fades", 33.0, 34.5),
)


def render(cylinders: int, fps: float, sample_rate: int) -> tuple[np.ndarray, list[float]]:
    """The whole drive as float stereo samples, and the cost of each frame (observe + render) in seconds."""
    scape = RaceSoundscape(sample_rate, Volumes(), EngineSpec(cylinders=cylinders))
    blocks, costs = [], []
    for frame, (cur, events) in enumerate(frames(scripted_drive(), fps)):
        n = round((frame + 1) * sample_rate / fps) - round(frame * sample_rate / fps)
        start = time.perf_counter()
        scape.observe(cur, events)
        blocks.append(scape.render(n))
        costs.append(time.perf_counter() - start)
    return np.concatenate(blocks), costs


def dbfs(value: float) -> float:
    return 20.0 * np.log10(max(value, 1e-12))


def write_wav(path: Path, samples: np.ndarray, sample_rate: int) -> None:
    pcm = np.round(np.clip(samples, -1.0, 1.0) * 32767.0).astype("<i2")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(2)
        out.setframerate(sample_rate)
        out.writeframes(pcm.tobytes())


def report(samples: np.ndarray, sample_rate: int, costs: list[float]) -> None:
    peak = float(np.max(np.abs(samples)))
    rms = float(np.sqrt(np.mean(samples**2)))
    clipped = int(np.count_nonzero(np.abs(samples) >= 32767.0 / 32768.0))
    jump = float(np.max(np.abs(np.diff(samples, axis=0))))
    print(f"length {len(samples) / sample_rate:.2f} s at {sample_rate} Hz, stereo")
    print(
        f"peak {peak:.4f} ({dbfs(peak):.1f} dBFS), RMS {rms:.4f} ({dbfs(rms):.1f} dBFS), "
        f"clipped samples {clipped}"
    )
    print(f"largest sample-to-sample step {jump:.4f}")
    for name, start_s, end_s in SEGMENTS_S:
        part = samples[int(start_s * sample_rate) : int(end_s * sample_rate)]
        part_peak = float(np.max(np.abs(part)))
        part_rms = float(np.sqrt(np.mean(part**2)))
        print(f"  {name:28s} peak {dbfs(part_peak):6.1f} dBFS  RMS {dbfs(part_rms):6.1f} dBFS")
    ms = sorted(cost * 1000.0 for cost in costs)
    print(
        f"offline cost per {len(costs)} frames: median {statistics.median(ms):.3f} ms, "
        f"p95 {ms[int(0.95 * len(ms))]:.3f} ms, max {ms[-1]:.3f} ms"
    )


def bench(seconds: float, fps: float, cylinders: int, busy_ms: float) -> None:
    """AudioPlayer.update() timed in a real-time loop on the device (SDL's dummy driver if unset).

    `busy_ms` of pure-Python work per frame stands in for the game's own frame (it holds the GIL, which
    pygame's end-of-buffer callback needs to start the queued buffer).
    """
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    player = AudioPlayer(Volumes())
    print(f"audio enabled: {player.enabled} ({player.disabled_reason or 'device open'})")
    player.set_engine(cylinders=cylinders)
    pairs = list(frames(scripted_drive(), fps))[: int(seconds * fps)]
    costs = []
    dt = 1.0 / fps
    next_frame = time.perf_counter()
    for cur, events in pairs:
        start = time.perf_counter()
        player.update(cur, events, dt)
        costs.append((time.perf_counter() - start) * 1000.0)
        busy_until = time.perf_counter() + busy_ms / 1000.0
        while time.perf_counter() < busy_until:
            pass
        next_frame += dt
        time.sleep(max(0.0, next_frame - time.perf_counter()))
    player.close()
    costs.sort()
    print(
        f"update() over {len(costs)} frames at {fps:g} fps, {busy_ms:g} ms busy: "
        f"median {statistics.median(costs):.3f} ms, "
        f"mean {statistics.fmean(costs):.3f} ms, p95 {costs[int(0.95 * len(costs))]:.3f} ms, "
        f"max {costs[-1]:.3f} ms; underruns {player.underruns}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "labone-drive.wav")
    parser.add_argument("--cylinders", type=int, default=8)
    parser.add_argument("--fps", type=float, default=60.0)
    parser.add_argument("--sample-rate", type=int, default=44100)
    parser.add_argument("--bench", type=float, metavar="SECONDS", help="time AudioPlayer.update() instead")
    parser.add_argument("--busy-ms", type=float, default=0.0, help="bench: the game's own work per frame")
    args = parser.parse_args()
    if args.bench:
        bench(args.bench, args.fps, args.cylinders, args.busy_ms)
        return
    samples, costs = render(args.cylinders, args.fps, args.sample_rate)
    write_wav(args.out, samples, args.sample_rate)
    print(f"wrote {args.out}")
    report(samples, args.sample_rate, costs)


if __name__ == "__main__":
    main()
