"""A client for LiveSplit Server: drive a running LiveSplit from the race (a setting, off by default).

LiveSplit Server listens on TCP (localhost:16834 by default) for text commands ending in CR LF, with the
names its CommandServer knows: `starttimer`, `split`, `reset`, `initgametime`, `pausegametime`, `setgametime
hh:mm:ss.fff`. The game's clock is authoritative: at GO the client resets and starts LiveSplit's timer,
initialises and pauses its game time (so LiveSplit never advances game time by itself), then sets it from
the IGT; at each split it sets the exact split time, then splits. Reset on restart.

A missing or dropped LiveSplit never disturbs the game, and no call ever waits on the network: the host name
is looked up on a daemon thread (a name lookup can take seconds, and nothing bounds it), at most one lookup at
a time; the socket never blocks (connects are non-blocking too); lines are buffered only while connected and
at most MAX_PENDING_BYTES of them, so a dead server costs no memory. Every error is swallowed and reported
once per outage through `report`, and reconnects are attempted at most every `retry_interval_s` of the
caller's clock (`now_s`, any monotonic seconds the caller passes), so nothing here reads the wall clock.
Reconnecting mid-run re-synchronises the timer and its game time; splits that happened while disconnected
are lost.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import select
import socket
import threading
from collections.abc import Callable

DEFAULT_HOST = "localhost"
DEFAULT_PORT = 16834
RETRY_INTERVAL_S = 5.0
CONNECT_TIMEOUT_S = 2.0
GAME_TIME_STEP_MS = 100
"""Running game time is sent when it moved on by at least this much (splits always send their exact time)."""
MAX_PENDING_BYTES = 64 * 1024
"""A LiveSplit that stops reading is dropped once this much is waiting, rather than buffering forever."""

_IN_PROGRESS = {errno.EINPROGRESS, errno.EWOULDBLOCK, errno.EALREADY, 10035}
"""connect_ex codes meaning "still connecting" (10035 is Windows' WSAEWOULDBLOCK)."""

_log = logging.getLogger(__name__)


class AddressError(ValueError):
    """A `--livesplit HOST:PORT` that cannot be an address."""


def parse_address(text: str) -> tuple[str, int]:
    """`HOST:PORT`, `HOST`, `:PORT` or `[IPv6]:PORT` → (host, port), the defaults filling what is left out."""
    text = text.strip()
    host, port_text = text, ""
    if text.startswith("["):
        end = text.find("]")
        if end < 0:
            raise AddressError(f"{text!r}: unclosed '[' in an IPv6 address")
        host, rest = text[1:end], text[end + 1 :]
        if rest and not rest.startswith(":"):
            raise AddressError(f"{text!r}: expected ':PORT' after the IPv6 address")
        port_text = rest[1:]
    elif text.count(":") == 1:
        host, port_text = text.split(":")
    host = host or DEFAULT_HOST
    if not port_text:
        return host, DEFAULT_PORT
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise AddressError(f"{text!r}: port {port_text!r} is not a number from 1 to 65535")
    return host, int(port_text)


def format_game_time(ms: int) -> str:
    """IGT as LiveSplit's TimeSpanParser reads it: `hh:mm:ss.fff`."""
    ms = max(0, int(ms))
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


class _Lookup:
    """One `getaddrinfo` on a daemon thread: the frame only ever asks whether it is done."""

    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port
        self.done = threading.Event()
        self.address: tuple[int, int, int, tuple[object, ...]] | None = None
        self.error: str | None = None
        threading.Thread(target=self._run, name="livesplit-lookup", daemon=True).start()

    def _run(self) -> None:
        try:
            family, kind, proto, _, address = socket.getaddrinfo(
                self.host, self.port, type=socket.SOCK_STREAM
            )[0]
            self.address = (family, kind, proto, address)
        except Exception as exc:  # OSError, but also UnicodeError (a label over 63 chars), ValueError (NUL)
            self.error = str(exc) or type(exc).__name__
        finally:
            self.done.set()


class LiveSplitClient:
    """Sends the race's timer events to LiveSplit Server; every method returns at once and never raises."""

    def __init__(
        self,
        host: str = DEFAULT_HOST,
        port: int = DEFAULT_PORT,
        *,
        retry_interval_s: float = RETRY_INTERVAL_S,
        connect_timeout_s: float = CONNECT_TIMEOUT_S,
        report: Callable[[str], None] | None = None,
    ) -> None:
        self.host = host
        self.port = port
        self.retry_interval_s = retry_interval_s
        self.connect_timeout_s = connect_timeout_s
        self.report = report if report is not None else _log.warning
        self._sock: socket.socket | None = None
        self._lookup: _Lookup | None = None
        self._lookup_since: float | None = None
        """When the pending lookup began; None once it was reported as too slow."""
        self._connecting_since: float | None = None
        self._next_attempt_s: float | None = None
        self._pending = bytearray()
        self._outage_reported = False
        self._run_active = False
        self._missed = False
        self._game_time_ms = 0
        self._sent_game_time_ms: int | None = None
        self.problem: str | None = None
        """The last problem reported, for a settings screen to show."""

    @property
    def connected(self) -> bool:
        return self._sock is not None and self._connecting_since is None

    # Timer events -------------------------------------------------------------------------------------------

    def start(self, now_s: float) -> None:
        """GO: a fresh LiveSplit run with its game time paused at 0 (the game sets it from here on).

        A reset comes first: LiveSplit ignores `starttimer` while a finished run still shows, and a reset
        lost while it was unreachable would otherwise leave the last attempt running.
        """
        self._run_active = True
        self._missed = False
        self._game_time_ms = 0
        self._sent_game_time_ms = 0
        self._send(["reset", *_sync_lines(0)], now_s)

    def game_time(self, igt_ms: int, now_s: float) -> None:
        """The running IGT; sent when it moved on by GAME_TIME_STEP_MS since the last one sent."""
        if not self._run_active:
            return
        self._game_time_ms = igt_ms
        if self._missed and not self.connected:
            self._service(now_s)  # the re-synchronisation on reconnect carries the latest time
            return
        sent = self._sent_game_time_ms
        if sent is None or abs(igt_ms - sent) >= GAME_TIME_STEP_MS:
            self._sent_game_time_ms = igt_ms
            self._send([f"setgametime {format_game_time(igt_ms)}"], now_s)

    def split(self, igt_ms: int, now_s: float) -> None:
        """A split at `igt_ms` (cumulative; penalties included in the last): exact time, then the split."""
        if not self._run_active:
            return
        self._game_time_ms = igt_ms
        self._sent_game_time_ms = igt_ms
        self._send([f"setgametime {format_game_time(igt_ms)}", "split"], now_s)

    def finish(self) -> None:
        """The last split was sent: LiveSplit's run ended by itself; nothing more to keep in sync."""
        self._run_active = False

    def reset(self, now_s: float) -> None:
        """Restart or quit: reset LiveSplit's timer (it keeps the attempt in its history, as usual)."""
        self._run_active = False
        self._missed = False
        self._send(["reset"], now_s)

    def poll(self, now_s: float) -> None:
        """Call every frame or so: connects in the background and sends what is waiting."""
        self._service(now_s)

    def close(self) -> None:
        self._drop()
        self._pending.clear()
        self._lookup = None  # a lookup still running ends on its own thread; its answer is dropped

    # Connection ---------------------------------------------------------------------------------------------

    @property
    def _attempting(self) -> bool:
        """A connection is on its way (name lookup still in time, or connecting) or up: lines wait for it."""
        return self._sock is not None or (self._lookup is not None and self._lookup_since is not None)

    def _send(self, lines: list[str], now_s: float) -> None:
        self._service(now_s)
        if not self._attempting:
            if self._run_active:
                self._missed = True
            return
        self._pending += "".join(f"{line}\r\n" for line in lines).encode("ascii")
        if len(self._pending) > MAX_PENDING_BYTES:
            self._fail(now_s, f"LiveSplit at {self.host}:{self.port} stopped reading; disconnected")
            return
        if self.connected:
            self._flush(now_s)

    def _service(self, now_s: float) -> None:
        if self._sock is None:
            if self._lookup is not None:
                self._check_lookup(now_s)
            elif self._next_attempt_s is None or now_s >= self._next_attempt_s:
                self._begin_lookup(now_s)
            return
        if self._connecting_since is not None:
            self._check_connect(now_s)
        if self.connected:
            self._flush(now_s)

    def _begin_lookup(self, now_s: float) -> None:
        self._next_attempt_s = now_s + self.retry_interval_s
        try:
            self._lookup = _Lookup(self.host, self.port)
        except RuntimeError as exc:  # no thread to be had
            self._fail(now_s, f"cannot reach LiveSplit at {self.host}:{self.port}: {exc}")
            return
        self._lookup_since = now_s

    def _check_lookup(self, now_s: float) -> None:
        """Connect once the name is known. A lookup that takes too long is reported (and what waited for it
        dropped), but no second one starts until it returns, so a hung resolver holds one thread, not one
        per retry; its late answer still connects, re-synchronising as after any outage."""
        lookup = self._lookup
        assert lookup is not None
        if not lookup.done.is_set():
            if self._lookup_since is not None and now_s - self._lookup_since > self.connect_timeout_s:
                self._lookup_since = None
                self._fail(
                    now_s, f"cannot reach LiveSplit at {self.host}:{self.port}: the name lookup is slow"
                )
            return
        self._lookup = None
        if lookup.address is None:
            self._fail(now_s, f"cannot reach LiveSplit at {self.host}:{self.port}: {lookup.error}")
            return
        self._begin_connect(now_s, *lookup.address)

    def _begin_connect(
        self, now_s: float, family: int, kind: int, proto: int, address: tuple[object, ...]
    ) -> None:
        try:
            sock = socket.socket(family, kind, proto)
        except OSError as exc:
            self._fail(now_s, f"cannot reach LiveSplit at {self.host}:{self.port}: {exc}")
            return
        sock.setblocking(False)
        self._sock = sock
        self._connecting_since = now_s
        code = sock.connect_ex(address)
        if code == 0:
            self._connected()
        elif code not in _IN_PROGRESS:
            self._fail(now_s, f"cannot connect to LiveSplit at {self.host}:{self.port}: {_reason(code)}")

    def _check_connect(self, now_s: float) -> None:
        sock = self._sock
        assert sock is not None and self._connecting_since is not None
        try:
            _, writable, failed = select.select([], [sock], [sock], 0)
        except (OSError, ValueError) as exc:
            self._fail(now_s, f"cannot connect to LiveSplit at {self.host}:{self.port}: {exc}")
            return
        if writable or failed:
            code = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
            if code == 0:
                self._connected()
            else:
                self._fail(now_s, f"cannot connect to LiveSplit at {self.host}:{self.port}: {_reason(code)}")
        elif now_s - self._connecting_since > self.connect_timeout_s:
            self._fail(now_s, f"LiveSplit at {self.host}:{self.port} did not answer; is its server started?")

    def _connected(self) -> None:
        assert self._sock is not None
        self._connecting_since = None
        with contextlib.suppress(OSError):
            self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if self._outage_reported:
            _log.info("connected to LiveSplit at %s:%d", self.host, self.port)
        self._outage_reported = False
        self.problem = None
        if self._run_active and self._missed:
            self._pending[:0] = "".join(f"{line}\r\n" for line in _sync_lines(self._game_time_ms)).encode()
            self._sent_game_time_ms = self._game_time_ms
        self._missed = False

    def _flush(self, now_s: float) -> None:
        sock = self._sock
        assert sock is not None
        try:
            if sock.recv(4096) == b"":
                self._fail(now_s, f"LiveSplit at {self.host}:{self.port} closed the connection")
                return
        except (BlockingIOError, InterruptedError):
            pass
        except OSError as exc:
            self._fail(now_s, f"lost LiveSplit at {self.host}:{self.port}: {exc}")
            return
        while self._pending:
            try:
                sent = sock.send(self._pending)
            except (BlockingIOError, InterruptedError):
                return
            except OSError as exc:
                self._fail(now_s, f"lost LiveSplit at {self.host}:{self.port}: {exc}")
                return
            del self._pending[:sent]

    def _fail(self, now_s: float, problem: str) -> None:
        if self._run_active:
            self._missed = True
        self._drop()
        self._pending.clear()
        self._next_attempt_s = now_s + self.retry_interval_s
        self.problem = problem
        if not self._outage_reported:
            self._outage_reported = True
            self.report(f"{problem} (retrying every {self.retry_interval_s:g} s; the race goes on)")

    def _drop(self) -> None:
        if self._sock is not None:
            with contextlib.suppress(OSError):
                self._sock.close()
        self._sock = None
        self._connecting_since = None


def _sync_lines(igt_ms: int) -> list[str]:
    """Bring LiveSplit's timer to a running run at `igt_ms` with game time driven by the game."""
    return ["starttimer", "initgametime", "pausegametime", f"setgametime {format_game_time(igt_ms)}"]


def _reason(code: int) -> str:
    return f"{os.strerror(code)} ({errno.errorcode.get(code, code)})"
