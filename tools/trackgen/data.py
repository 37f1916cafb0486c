"""What the generator builds from: the real towns (docs/route.md), the stages, and each region's kind of road.

Every number a designer may want to re-tune lives here: a stage's target length, its legs' road character,
its seed. Changing anything here and running `python -m tools.trackgen` rewrites the track files.

Historic times of day (estimates, documented because no minute-by-minute record of Moss's run exists to us):
the 1955 race was run on 1 May 1955; car #722 (Moss/Jenkinson, Mercedes-Benz 300 SLR) left Brescia at 07:22
and finished at 17:29:48 (10 h 07 m 48 s). Leg start times below follow plausible leg averages of that run:
about 190 km/h over the Po plain to Ravenna (Brescia→Ravenna about 300 km in 1 h 36 m), 175 km/h down the
Adriatic, Pescara at about 10:56 (3 h 34 m, the run's fastest leg), Rome at about 12:40 (the often quoted
5 h 18 m), slower through Tuscany and over the Futa and Raticosa, then about 170 km/h from Bologna home.
The 1940 Gran Premio Brescia delle Mille Miglia (laps of Brescia–Cremona–Mantova) was run on 28 April 1940;
the start is taken as 07:00.
"""

from __future__ import annotations

from dataclasses import dataclass

TOWNS: dict[str, tuple[float, float]] = {
    "Brescia": (45.539, 10.220),
    "Desenzano": (45.469, 10.535),
    "Verona": (45.438, 10.992),
    "Vicenza": (45.548, 11.547),
    "Padova": (45.407, 11.876),
    "Rovigo": (45.071, 11.790),
    "Ferrara": (44.836, 11.620),
    "Ravenna": (44.418, 12.204),
    "Forlì": (44.222, 12.041),
    "Rimini": (44.060, 12.566),
    "Pesaro": (43.910, 12.913),
    "Senigallia": (43.715, 13.217),
    "Ancona": (43.617, 13.519),
    "Pescara": (42.462, 14.214),
    "Popoli": (42.170, 13.831),
    "L'Aquila": (42.350, 13.399),
    "Rieti": (42.404, 12.857),
    "Roma": (41.903, 12.496),
    "Viterbo": (42.417, 12.105),
    "Radicofani": (42.896, 11.768),
    "Siena": (43.318, 11.331),
    "Firenze": (43.770, 11.256),
    "Passo della Futa": (44.092, 11.285),
    "Passo della Raticosa": (44.163, 11.380),
    "Bologna": (44.494, 11.343),
    "Modena": (44.647, 10.925),
    "Reggio Emilia": (44.698, 10.631),
    "Parma": (44.801, 10.328),
    "Piacenza": (45.052, 9.693),
    "Cremona": (45.136, 10.023),
    "Mantova": (45.156, 10.791),
}
"""Approximate town centres, degrees (docs/route.md)."""

PASSES = ("Passo della Futa", "Passo della Raticosa", "Radicofani")
"""Waypoints that are mountain passes, not towns: no town zone (no cobbles, houses or walls) around them."""


def hms(h: int, m: int, s: int = 0) -> int:
    """Seconds since midnight."""
    return h * 3600 + m * 60 + s


@dataclass(frozen=True, slots=True)
class StageSpec:
    """One track to build.

    `legs` gives the road character from each town to the next (a key of `CHARACTERS`), one per leg;
    `length_m` is the target road length (the generator scales the real leg to it); `sea_side` is "left"
    or "right" of the direction of travel on coastal legs; `lake` names the side Lake Garda lies on.
    """

    id: str
    name: str
    region: str
    landscape: str
    towns: tuple[str, ...]
    legs: tuple[str, ...]
    length_m: float
    seed: int
    start_time_of_day_s: int
    date: tuple[int, int, int]
    sea_side: str = ""
    lake_side: str = ""
    trial_kmh: float = 80.0
    """Average speed the regularity trial's target time asks for."""
    kind: str = "stage"
    laps: int = 1


RACE_1955 = (1955, 5, 1)
RACE_1940 = (1940, 4, 28)

# Lengths were tuned so the autopilot in the 300 SLR needs 115–160 s a stage and about 80 s a circuit lap
# (`python -m game run --headless --autopilot --stage ID`, November 2026); towns and passes cost time, so the
# stages with many towns or hairpins are the shorter ones.
STAGES: tuple[StageSpec, ...] = (
    StageSpec(
        "01-brescia-verona", "Brescia – Verona", "Lombardia · Lago di Garda", "lake",
        ("Brescia", "Desenzano", "Verona"), ("plain", "lake"),
        length_m=4600.0, seed=1955_01, start_time_of_day_s=hms(7, 22), date=RACE_1955,
        lake_side="left", trial_kmh=85.0,
    ),
    StageSpec(
        "02-verona-padova", "Verona – Padova", "Veneto", "plain",
        ("Verona", "Vicenza", "Padova"), ("plain", "plain"),
        length_m=4800.0, seed=1955_02, start_time_of_day_s=hms(7, 43), date=RACE_1955,
        trial_kmh=90.0,
    ),
    StageSpec(
        "03-padova-ravenna", "Padova – Ravenna", "Pianura Padana · Delta del Po", "plain",
        ("Padova", "Rovigo", "Ferrara", "Ravenna"), ("plain", "plain", "plain"),
        length_m=5400.0, seed=1955_03, start_time_of_day_s=hms(8, 9), date=RACE_1955,
        trial_kmh=95.0,
    ),
    StageSpec(
        "04-ravenna-ancona", "Ravenna – Ancona", "Romagna · Riviera Adriatica", "coast",
        ("Ravenna", "Forlì", "Rimini", "Pesaro", "Senigallia", "Ancona"),
        ("plain", "plain", "coast", "coast", "coast"),
        length_m=3800.0, seed=1955_04, start_time_of_day_s=hms(8, 58), date=RACE_1955,
        sea_side="left", trial_kmh=85.0,
    ),
    StageSpec(
        "05-ancona-pescara", "Ancona – Pescara", "Marche · Abruzzo, costa adriatica", "coast",
        ("Ancona", "Pescara"), ("coast",),
        length_m=4300.0, seed=1955_05, start_time_of_day_s=hms(10, 7), date=RACE_1955,
        sea_side="left", trial_kmh=90.0,
    ),
    StageSpec(
        "06-pescara-roma", "Pescara – Roma", "Abruzzo · Appennino", "mountain",
        ("Pescara", "Popoli", "L'Aquila", "Rieti", "Roma"), ("hills", "mountain", "mountain", "hills"),
        length_m=2700.0, seed=1955_06, start_time_of_day_s=hms(10, 56), date=RACE_1955,
        trial_kmh=60.0,
    ),
    StageSpec(
        "07-roma-siena", "Roma – Siena", "Lazio · Toscana", "tuscany",
        ("Roma", "Viterbo", "Radicofani", "Siena"), ("hills", "pass", "tuscany"),
        length_m=2500.0, seed=1955_07, start_time_of_day_s=hms(12, 40), date=RACE_1955,
        trial_kmh=70.0,
    ),
    StageSpec(
        "08-siena-bologna", "Siena – Bologna", "Toscana · Futa e Raticosa", "pass",
        ("Siena", "Firenze", "Passo della Futa", "Passo della Raticosa", "Bologna"),
        ("tuscany", "pass", "pass", "mountain"),
        length_m=2400.0, seed=1955_08, start_time_of_day_s=hms(14, 18), date=RACE_1955,
        trial_kmh=55.0,
    ),
    StageSpec(
        "09-bologna-brescia", "Bologna – Brescia", "Emilia · Lombardia", "plain",
        ("Bologna", "Modena", "Reggio Emilia", "Parma", "Piacenza", "Cremona", "Mantova", "Brescia"),
        ("plain", "plain", "plain", "plain", "plain", "plain", "plain"),
        length_m=3500.0, seed=1955_09, start_time_of_day_s=hms(15, 47), date=RACE_1955,
        trial_kmh=100.0,
    ),
)  # fmt: skip
"""The route in order: together the stages run Brescia → Roma → Brescia."""

CIRCUIT = StageSpec(
    "circuit-1940", "Circuito di Brescia 1940", "Lombardia · Brescia – Cremona – Mantova", "plain",
    ("Brescia", "Cremona", "Mantova"), ("plain", "plain", "plain"),
    length_m=2200.0, seed=1940_01, start_time_of_day_s=hms(7, 0), date=RACE_1940,
    trial_kmh=100.0, kind="circuit", laps=1,
)  # fmt: skip
"""The 1940 race's closed triangle; one lap is about 45–90 s at a good pace."""


@dataclass(frozen=True, slots=True)
class Character:
    """How a region's road is drawn: straights and bends, how far it wanders, how wide, what it is made of.

    Angles in degrees. `wander_deg` is the spread of the heading the road takes relative to the bearing of
    the next town; `max_dev_deg` caps it (below 90°, so every stretch gets nearer its next town, which is
    what keeps a leg from crossing itself). `hairpin_share` is the fraction of a leg's middle climbed in
    switchbacks of radius `hairpin_radius_m`.
    """

    straight_m: tuple[float, float]
    radius_m: tuple[float, float]
    wander_deg: float
    max_dev_deg: float
    half_width_m: tuple[float, float]
    gravel_share: float = 0.0
    hairpin_share: float = 0.0
    hairpin_radius_m: tuple[float, float] = (12.5, 16.0)
    ramp_m: float = 20.0


CHARACTERS: dict[str, Character] = {
    "plain": Character((160.0, 420.0), (180.0, 700.0), 9.0, 26.0, (3.8, 4.3), ramp_m=45.0),
    "lake": Character((70.0, 200.0), (70.0, 220.0), 24.0, 45.0, (3.6, 4.0), ramp_m=30.0),
    "coast": Character((90.0, 260.0), (90.0, 320.0), 18.0, 36.0, (3.8, 4.2), ramp_m=35.0),
    "hills": Character((50.0, 160.0), (45.0, 150.0), 36.0, 62.0, (3.5, 3.9), gravel_share=0.1, ramp_m=22.0),
    "tuscany": Character(
        (60.0, 200.0), (50.0, 180.0), 30.0, 55.0, (3.4, 3.8), gravel_share=0.35, ramp_m=25.0
    ),
    "mountain": Character(
        (35.0, 120.0), (28.0, 85.0), 48.0, 70.0, (3.4, 3.8), gravel_share=0.2, hairpin_share=0.25, ramp_m=16.0
    ),
    "pass": Character(
        (25.0, 90.0), (16.0, 45.0), 50.0, 74.0, (3.3, 3.7), gravel_share=0.45, hairpin_share=0.6, ramp_m=12.0
    ),
    "town": Character((30.0, 70.0), (15.0, 26.0), 55.0, 72.0, (3.2, 3.5), ramp_m=10.0),
    "city": Character((40.0, 110.0), (15.0, 30.0), 60.0, 75.0, (4.2, 4.8), ramp_m=10.0),
}
"""Road characters by name; `town` is used around every town, `city` around Rome."""

TOWN_RADIUS_M = 110.0
"""Road within this distance (scaled) of a town's centre is town: cobbles, houses, walls, tight corners."""

CITY_TOWNS: dict[str, float] = {"Roma": 320.0, "Bologna": 160.0, "Firenze": 150.0}
"""Bigger towns and their radius: Rome's cobbled streets run for a good stretch."""
