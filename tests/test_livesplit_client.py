"""The LiveSplit Server client against a fake server on 127.0.0.1: the protocol, and surviving its loss."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable

import pytest

from game.speedrun.livesplit_client import (
    DEFAULT_PORT,
    AddressError,
    LiveSplitClient,
    format_game_time,
    parse_address,
)

START = ["reset", "starttimer", "initgametime", "pausegametime", "setgametime 00:00:00.000"]


class FakeLiveSplit:
    """Accepts connections on an ephemeral port and records every line received, per connection."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.05)
        self.port = self.listener.getsockname()[1]
        self.connections: list[list[str]] = []
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.drop_current = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        deadline = time.monotonic() + 20.0  # bounded: the fake never outlives a hung test
        while not self.stop.is_set() and time.monotonic() < deadline:
            try:
                conn, _ = self.listener.accept()
            except TimeoutError:
                continue
            lines: list[str] = []
            with self.lock:
                self.connections.append(lines)
            conn.settimeout(0.05)
            buffer = b""
            with conn:
                while (
                    not self.stop.is_set() and not self.drop_current.is_set() and time.monotonic() < deadline
                ):
                    try:
                        chunk = conn.recv(4096)
                    except TimeoutError:
                        continue
                    if not chunk:
                        break
                    buffer += chunk
                    while b"\r\n" in buffer:
                        line, buffer = buffer.split(b"\r\n", 1)
                        with self.lock:
                            lines.append(line.decode("ascii"))
            self.drop_current.clear()

    def lines(self, index: int = -1) -> list[str]:
        with self.lock:
            return list(self.connections[index]) if self.connections else []

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=5)
        self.listener.close()


@pytest.fixture
def server() -> FakeLiveSplit:
    fake = FakeLiveSplit()
    yield fake  # type: ignore[misc]
    fake.close()


def pump(client: LiveSplitClient, now_s: float, until: Callable[[], bool], timeout_s: float = 3.0) -> None:
    """Let the non-blocking client connect and flush until `until()` holds (bounded in time)."""
    deadline = time.monotonic() + timeout_s
    while not until():
        assert time.monotonic() < deadline, "the fake server did not get what was expected"
        client.poll(now_s)
        time.sleep(0.002)


def test_addresses_parse_with_defaults() -> None:
    assert parse_address("localhost:16834") == ("localhost", 16834)
    assert parse_address("192.168.1.20") == ("192.168.1.20", DEFAULT_PORT)
    assert parse_address(":17000") == ("localhost", 17000)
    assert parse_address("[::1]:16835") == ("::1", 16835)
    with pytest.raises(AddressError):
        parse_address("host:99999")
    with pytest.raises(AddressError):
        parse_address("host:port")


def test_game_time_is_written_as_livesplit_parses_it() -> None:
    assert format_game_time(0) == "00:00:00.000"
    assert format_game_time(83_456) == "00:01:23.456"
    assert format_game_time(3_723_004) == "01:02:03.004"


def test_a_race_sends_start_game_time_splits_and_reset_in_order(server: FakeLiveSplit) -> None:
    reports: list[str] = []
    client = LiveSplitClient("127.0.0.1", server.port, report=reports.append)
    client.poll(0.0)
    pump(client, 0.0, lambda: client.connected)
    client.start(1.0)
    client.game_time(40, 1.01)  # under 0.1 s since the last one: not sent
    client.game_time(150, 1.02)
    client.game_time(200, 1.03)  # 0.05 s later: not sent
    client.split(61_234, 1.5)
    client.game_time(61_300, 1.6)  # right after the split: not sent
    client.split(125_431, 2.0)
    client.finish()
    client.game_time(126_000, 2.1)  # the run is over: nothing more
    client.reset(3.0)
    expected = [
        *START,
        "setgametime 00:00:00.150",
        "setgametime 00:01:01.234",
        "split",
        "setgametime 00:02:05.431",
        "split",
        "reset",
    ]
    pump(client, 3.0, lambda: len(server.lines()) >= len(expected))
    assert server.lines() == expected
    assert reports == []
    client.close()


def test_the_client_survives_the_server_closing_mid_race_and_reconnects_later(server: FakeLiveSplit) -> None:
    reports: list[str] = []
    client = LiveSplitClient("127.0.0.1", server.port, retry_interval_s=5.0, report=reports.append)
    client.start(0.0)
    pump(client, 0.0, lambda: server.lines() == START)
    server.drop_current.set()  # LiveSplit goes away mid-race
    deadline = time.monotonic() + 3.0
    now = 1.0
    while client.connected:
        assert time.monotonic() < deadline
        client.split(10_000, now)  # must neither raise nor block
        time.sleep(0.01)
    assert len(reports) == 1 and "closed the connection" in reports[0]
    for step in range(50):  # more splits and times while it is gone: swallowed, reported once
        client.game_time(11_000 + 200 * step, now + 0.01 * step)
        client.split(12_000 + 200 * step, now + 0.01 * step)
    assert len(reports) == 1
    assert len(server.connections) == 1  # no reconnect before the retry interval of the caller's clock
    client.game_time(30_000, now + 5.5)  # retry interval passed: reconnect and re-synchronise
    pump(client, now + 5.5, lambda: len(server.connections) == 2 and len(server.lines()) >= 4)
    assert server.lines()[:4] == ["starttimer", "initgametime", "pausegametime", "setgametime 00:00:30.000"]
    client.split(31_000, now + 6.0)
    pump(client, now + 6.0, lambda: server.lines()[-1:] == ["split"])
    assert server.lines()[4:] == ["setgametime 00:00:31.000", "split"]
    assert len(reports) == 1
    client.close()


def test_no_livesplit_at_all_is_reported_once_and_costs_nothing() -> None:
    probe = socket.create_server(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()  # nothing listens on this port now
    reports: list[str] = []
    client = LiveSplitClient("127.0.0.1", port, retry_interval_s=0.5, report=reports.append)
    started = time.perf_counter()
    client.start(0.0)
    for tick in range(1, 400):
        now = tick * 0.01
        client.game_time(tick * 10, now)
        if tick % 100 == 0:
            client.split(tick * 10, now)
        client.poll(now)
        if tick % 50 == 0:
            time.sleep(0.01)  # let a refused connect come back
    elapsed = time.perf_counter() - started
    assert not client.connected
    assert len(reports) == 1 and f"127.0.0.1:{port}" in reports[0]
    assert elapsed < 1.0
    client.reset(5.0)
    client.close()


class SlowResolver:
    """`socket.getaddrinfo` behind a resolver that answers only when the test lets it (as a dead DNS would)."""

    def __init__(self) -> None:
        self.real = socket.getaddrinfo
        self.entered = threading.Event()
        self.release = threading.Event()
        self.answered = threading.Event()
        self.calls = 0

    def __call__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.calls += 1
        self.entered.set()
        self.release.wait(timeout=10)
        try:
            return self.real(*args, **kwargs)
        finally:
            self.answered.set()


def lookup_threads() -> int:
    return sum(thread.name == "livesplit-lookup" for thread in threading.enumerate())


def test_a_slow_name_lookup_never_holds_up_a_frame(
    server: FakeLiveSplit, monkeypatch: pytest.MonkeyPatch
) -> None:
    resolver = SlowResolver()
    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    reports: list[str] = []
    client = LiveSplitClient("127.0.0.1", server.port, connect_timeout_s=2.0, report=reports.append)
    client.start(0.0)
    assert resolver.entered.wait(timeout=5)  # the lookup is under way, on its own thread
    for tick in range(1, 100):  # a second of frames while the resolver sits on the name
        client.game_time(tick * 10, tick * 0.01)
        client.poll(tick * 0.01)
    assert not resolver.answered.is_set()  # every call of every frame came back before the resolver did
    assert lookup_threads() == 1 and not client.connected and reports == []
    resolver.release.set()
    expected = [*START, *(f"setgametime 00:00:00.{ms:03d}" for ms in range(100, 1000, 100))]
    pump(client, 1.0, lambda: len(server.lines()) >= len(expected))
    assert server.lines() == expected  # what waited for the lookup went out once it answered
    assert reports == []
    client.close()


def test_a_lookup_slower_than_the_timeout_is_reported_once_and_never_doubled(
    server: FakeLiveSplit, monkeypatch: pytest.MonkeyPatch
) -> None:
    resolver = SlowResolver()
    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    reports: list[str] = []
    client = LiveSplitClient(
        "127.0.0.1", server.port, retry_interval_s=0.5, connect_timeout_s=2.0, report=reports.append
    )
    client.start(0.0)
    assert resolver.entered.wait(timeout=5)
    for tick in range(1, 501):  # five seconds of frames: past the timeout and many retry intervals
        client.game_time(tick * 10, tick * 0.01)
    assert not resolver.answered.is_set()
    assert reports == [
        f"cannot reach LiveSplit at 127.0.0.1:{server.port}: the name lookup is slow "
        "(retrying every 0.5 s; the race goes on)"
    ]
    assert resolver.calls == 1 and lookup_threads() == 1  # one lookup at a time, however long it hangs
    resolver.release.set()
    pump(client, 5.0, lambda: len(server.lines()) >= 4)
    assert server.lines() == ["starttimer", "initgametime", "pausegametime", "setgametime 00:00:05.000"]
    client.close()


def test_a_host_name_the_resolver_refuses_is_reported_not_raised() -> None:
    reports: list[str] = []
    client = LiveSplitClient("x" * 100, report=reports.append)  # a DNS label is at most 63 characters
    client.start(0.0)
    deadline = time.monotonic() + 3.0
    while client.problem is None:
        assert time.monotonic() < deadline
        client.game_time(500, 0.5)
        time.sleep(0.002)
    assert len(reports) == 1 and reports[0].startswith(f"cannot reach LiveSplit at {'x' * 100}:16834: ")
    assert "label" in reports[0]
    client.close()
