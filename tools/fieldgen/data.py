"""What the field generator builds from: the 1955 classes, where each started, its cars, and the names.

The shape follows the record (docs/field.md): diesels first at 21:00 on 30 April, then the 750s, the touring
cars through the night, the Gran Turismo cars from 04:08, the sports cars by engine size from 05:12, the big
sports cars last, from 06:51 to 07:28. Where the record puts a model at a number (the Fiat 8V at #408, the
300 SLRs at #658, #701 and #704, ...), that number is pinned to that model; its crew is invented like every
other. Changing anything here and running `python -m tools.fieldgen` rewrites `assets/field/entrants-1955.json`.
"""

from __future__ import annotations

from dataclasses import dataclass


def _names(text: str) -> tuple[str, ...]:
    """A pool of names as one comma-separated string: compact, and a name may hold a space ("De Luca")."""
    return tuple(name.strip() for name in text.split(","))


SEED = 19550430

FIRST_DATE = (1955, 4, 30)
FIRST_START = 2100
"""The first car left Brescia at 21:00 on 30 April; numbers from 2100 to 2359 start that evening."""


@dataclass(frozen=True)
class ClassSpec:
    id: str
    name: str
    category: str
    above_cc: int
    up_to_cc: int | None


CLASSES: tuple[ClassSpec, ...] = (
    ClassSpec("diesel", "Diesel", "diesel", 0, None),
    ClassSpec("turismo-750", "Touring up to 750 cc", "touring", 0, 750),
    ClassSpec("turismo-1100", "Touring up to 1100 cc", "touring", 750, 1100),
    ClassSpec("turismo-speciale-1100", "Special Touring up to 1100 cc", "touring", 750, 1100),
    ClassSpec("turismo-over-1300", "Touring over 1300 cc", "touring", 1300, None),
    ClassSpec("gt-1300", "Gran Turismo up to 1300 cc", "gt", 0, 1300),
    ClassSpec("gt-over-1300", "Gran Turismo over 1300 cc", "gt", 1300, None),
    ClassSpec("sport-750", "Sport up to 750 cc", "sport", 0, 750),
    ClassSpec("sport-1100", "Sport up to 1100 cc", "sport", 750, 1100),
    ClassSpec("sport-1500", "Sport up to 1500 cc", "sport", 1100, 1500),
    ClassSpec("sport-2000", "Sport up to 2000 cc", "sport", 1500, 2000),
    ClassSpec("sport-over-2000", "Sport over 2000 cc", "sport", 2000, None),
)

ENGINE_CC: dict[str, int] = {
    "mercedes_180_d": 1767,
    "renault_4cv": 748,
    "stanguellini_750_sport": 741,
    "fiat_1100_103": 1089,
    "fiat_1100_tv": 1089,
    "alfa_romeo_1900_ti": 1884,
    "alfa_romeo_giulietta_sprint": 1290,
    "porsche_356": 1488,
    "mercedes_300_sl": 2996,
    "fiat_8v": 1996,
    "lancia_aurelia_b20": 2451,
    "triumph_tr2": 1991,
    "aston_martin_db2_4": 2580,
    "osca_mt4_1100": 1092,
    "osca_mt4_1500": 1453,
    "porsche_550_spyder": 1498,
    "maserati_a6gcs": 1986,
    "ferrari_166_mm": 1995,
    "austin_healey_100s": 2660,
    "ferrari_750_monza": 2999,
    "maserati_300s": 2992,
    "ferrari_118_lm": 3747,
    "mercedes_300_slr": 2982,
}
"""Every model the field drives and its engine size, which decides the classes it may run in."""


@dataclass(frozen=True)
class Block:
    """A run of start minutes (first and last hhmm, across midnight if need be) and the entrants per class in it,
    each class's cars drawn from `models` by weight."""

    first: int
    last: int
    entrants: dict[str, int]


BLOCKS: tuple[Block, ...] = (
    Block(2100, 2109, {"diesel": 7}),
    Block(2110, 2229, {"turismo-750": 26, "sport-750": 20}),
    Block(2230, 159, {"turismo-1100": 44, "turismo-speciale-1100": 40}),
    Block(200, 259, {"turismo-over-1300": 24}),
    Block(300, 359, {"gt-1300": 24}),
    Block(408, 449, {"gt-over-1300": 26}),
    Block(512, 533, {"sport-1100": 14}),
    Block(541, 558, {"sport-1500": 12}),
    Block(615, 648, {"sport-2000": 22}),
    Block(651, 728, {"sport-over-2000": 27}),
)
"""The real shape: 408-449 GT over 1300, 512-533 Sport 1100, 541-558 Sport 1500, 615-648 Sport 2000 and 651-728
Sport over 2000 are the record's numbers; the evening's and the night's cars, whose real numbers (0xx-3xx) were
not start times, get the start minutes of the same order."""

CLASS_MODELS: dict[str, dict[str, int]] = {
    "diesel": {"mercedes_180_d": 1},
    "turismo-750": {"renault_4cv": 1},
    "sport-750": {"stanguellini_750_sport": 1},
    "turismo-1100": {"fiat_1100_103": 1},
    "turismo-speciale-1100": {"fiat_1100_tv": 1},
    "turismo-over-1300": {"alfa_romeo_1900_ti": 1},
    "gt-1300": {"alfa_romeo_giulietta_sprint": 1},
    "gt-over-1300": {
        "mercedes_300_sl": 5,
        "fiat_8v": 5,
        "lancia_aurelia_b20": 5,
        "porsche_356": 4,
        "triumph_tr2": 3,
        "aston_martin_db2_4": 2,
    },
    "sport-1100": {"osca_mt4_1100": 1},
    "sport-1500": {"porsche_550_spyder": 1, "osca_mt4_1500": 1},
    "sport-2000": {"maserati_a6gcs": 11, "ferrari_166_mm": 5, "fiat_8v": 3},
    "sport-over-2000": {"ferrari_750_monza": 6, "maserati_300s": 3, "austin_healey_100s": 3},
}
"""Each class's models by weight, for the numbers not pinned below. The works cars (the 300 SLRs, the
Ferrari 118 LMs) run only at the numbers the record gives them."""


@dataclass(frozen=True)
class Pin:
    class_id: str
    model: str
    tier: str


PINNED: dict[int, Pin] = {
    2104: Pin("diesel", "mercedes_180_d", "works"),  # the diesel class's winner carried #04
    121: Pin("turismo-speciale-1100", "fiat_1100_tv", "amateur"),  # a Fiat 1100 TV at #121
    408: Pin("gt-over-1300", "fiat_8v", "fast"),
    428: Pin("gt-over-1300", "mercedes_300_sl", "fast"),
    445: Pin("gt-over-1300", "mercedes_300_sl", "fast"),
    518: Pin("sport-1100", "osca_mt4_1100", "fast"),
    541: Pin("sport-1500", "porsche_550_spyder", "works"),
    542: Pin("sport-1500", "osca_mt4_1500", "fast"),
    621: Pin("sport-2000", "maserati_a6gcs", "fast"),
    631: Pin("sport-2000", "maserati_a6gcs", "fast"),
    646: Pin("sport-2000", "maserati_a6gcs", "fast"),
    658: Pin("sport-over-2000", "mercedes_300_slr", "works"),
    700: Pin("sport-over-2000", "austin_healey_100s", "fast"),
    701: Pin("sport-over-2000", "mercedes_300_slr", "works"),
    704: Pin("sport-over-2000", "mercedes_300_slr", "works"),
    705: Pin("sport-over-2000", "ferrari_118_lm", "works"),
    717: Pin("sport-over-2000", "ferrari_750_monza", "fast"),
    723: Pin("sport-over-2000", "ferrari_118_lm", "works"),
    724: Pin("sport-over-2000", "ferrari_750_monza", "works"),
    728: Pin("sport-over-2000", "ferrari_118_lm", "works"),
}
"""Numbers the record gives a model (docs/field.md); the crews are invented all the same."""


@dataclass(frozen=True)
class Tier:
    """How a kind of crew drives: each profile value drawn uniformly from its (low, high)."""

    pace: tuple[float, float]
    consistency: tuple[float, float]
    aggression: tuple[float, float]
    give_way: tuple[float, float]


TIERS: dict[str, Tier] = {
    "works": Tier((0.95, 0.98), (0.85, 0.97), (0.55, 0.85), (0.05, 0.25)),
    "fast": Tier((0.90, 0.95), (0.70, 0.90), (0.45, 0.80), (0.15, 0.45)),
    "amateur": Tier((0.85, 0.91), (0.55, 0.85), (0.25, 0.60), (0.35, 0.70)),
    "tourist": Tier((0.80, 0.86), (0.50, 0.85), (0.05, 0.35), (0.60, 0.95)),
}

CLASS_TIERS: dict[str, dict[str, int]] = {
    "diesel": {"tourist": 5, "amateur": 5},
    "turismo-750": {"tourist": 5, "amateur": 4, "fast": 1},
    "turismo-1100": {"tourist": 6, "amateur": 3, "fast": 1},
    "turismo-speciale-1100": {"tourist": 4, "amateur": 4, "fast": 2},
    "turismo-over-1300": {"tourist": 3, "amateur": 5, "fast": 2},
    "gt-1300": {"tourist": 1, "amateur": 5, "fast": 4},
    "gt-over-1300": {"tourist": 1, "amateur": 5, "fast": 4},
    "sport-750": {"amateur": 5, "fast": 4, "works": 1},
    "sport-1100": {"amateur": 5, "fast": 4, "works": 1},
    "sport-1500": {"amateur": 4, "fast": 4, "works": 2},
    "sport-2000": {"amateur": 3, "fast": 5, "works": 2},
    "sport-over-2000": {"amateur": 3, "fast": 5, "works": 2},
}
"""Who drove in each class, by weight: tourists in the saloons, works drivers in the sports cars."""

CO_DRIVER_SHARE: dict[str, float] = {"diesel": 1.0, "touring": 0.95, "gt": 0.85, "sport": 0.55}
"""How often a car carried a second crew member: nearly always in a saloon, often not in a sports car."""

MODEL_NATIONS: dict[str, dict[str, int]] = {
    "mercedes_180_d": {"D": 6, "I": 3, "CH": 1},
    "renault_4cv": {"F": 6, "I": 3, "CH": 1},
    "stanguellini_750_sport": {"I": 9, "F": 1},
    "fiat_1100_103": {"I": 18, "CH": 1, "A": 1},
    "fiat_1100_tv": {"I": 18, "CH": 1, "A": 1},
    "alfa_romeo_1900_ti": {"I": 9, "CH": 1},
    "alfa_romeo_giulietta_sprint": {"I": 9, "CH": 1},
    "porsche_356": {"D": 5, "A": 2, "CH": 2, "S": 1},
    "mercedes_300_sl": {"D": 5, "I": 2, "B": 1, "USA": 1, "CH": 1},
    "fiat_8v": {"I": 1},
    "lancia_aurelia_b20": {"I": 8, "F": 1, "CH": 1},
    "triumph_tr2": {"GB": 4, "B": 1, "NL": 1},
    "aston_martin_db2_4": {"GB": 1},
    "osca_mt4_1100": {"I": 6, "F": 3, "CH": 1},
    "osca_mt4_1500": {"I": 6, "F": 4},
    "porsche_550_spyder": {"D": 7, "A": 2, "CH": 1},
    "maserati_a6gcs": {"I": 9, "CH": 1},
    "ferrari_166_mm": {"I": 7, "CH": 2, "USA": 1},
    "austin_healey_100s": {"GB": 1},
    "ferrari_750_monza": {"I": 8, "CH": 1, "B": 1},
    "maserati_300s": {"I": 9, "USA": 1},
    "ferrari_118_lm": {"I": 1},
    "mercedes_300_slr": {"D": 1},
}

NATION_NAMES: dict[str, tuple[str, ...]] = {
    "I": ("I",),
    "D": ("D",),
    "A": ("D",),
    "CH": ("D", "F", "I"),
    "F": ("F",),
    "B": ("F", "NL"),
    "NL": ("NL",),
    "GB": ("GB",),
    "USA": ("GB",),
    "S": ("S",),
}
"""Which pools of names a crew of each nation is drawn from (a Swiss crew may be German-, French- or
Italian-speaking)."""

FIRST_NAMES: dict[str, tuple[str, ...]] = {
    "I": _names(
        "Adolfo, Aldo, Alberto, Angelo, Arturo, Bruno, Carlo, Cesare, Corrado, Dante, Elio, Ernesto,"
        "Ettore, Franco, Gianni, Gino, Giorgio, Giovanni, Giuseppe, Guido, Lino, Luciano, Luigi, Mario,"
        "Nino, Oreste, Paolo, Piero, Remo, Renato, Rino, Romano, Sergio, Silvano, Tino, Ugo, Umberto,"
        "Vasco, Vittorio, Walter"
    ),
    "D": _names(
        "Dieter, Ernst, Fritz, Gerhard, Günther, Hans, Heinz, Helmut, Horst, Karl, Klaus, Kurt, Manfred,"
        "Otto, Rudolf, Walter, Werner, Wilhelm, Wolfgang"
    ),
    "F": _names(
        "André, Claude, Georges, Gérard, Henri, Jacques, Jean, Louis, Lucien, Marcel, Maurice, Michel,"
        "Paul, Pierre, Raymond, René, Robert, Roger"
    ),
    "GB": _names(
        "Alan, Anthony, Brian, Colin, David, Derek, Donald, Geoffrey, George, Ian, James, John, Kenneth,"
        "Leslie, Michael, Peter, Richard, Thomas, William"
    ),
    "NL": _names("Cornelis, Hendrik, Jan, Joost, Pieter, Willem"),
    "S": _names("Bengt, Gunnar, Lars, Nils, Sven"),
}

SURNAMES: dict[str, tuple[str, ...]] = {
    "I": _names(
        "Amato, Barbieri, Barone, Basile, Battaglia, Bellini, Benedetti, Bernardi, Bruno, Caputo, Carbone,"
        "Caruso, Cattaneo, Colombo, Conte, Conti, Costa, Costantini, D'Amico, De Angelis, De Luca,"
        "De Rosa, De Santis, Donati, Fabbri, Ferraro, Ferretti, Ferri, Fiore, Fontana, Galli, Gallo,"
        "Gatti, Gentile, Giordano, Giuliani, Grassi, Grasso, Greco, Guerra, Leone, Lombardi, Longo,"
        "Mancini, Marchetti, Mariani, Marini, Marino, Martinelli, Martini, Mazza, Messina, Milani,"
        "Montanari, Monti, Morelli, Negri, Neri, Orlando, Pagano, Palmieri, Palumbo, Parisi, Pellegrini,"
        "Pellegrino, Piras, Rinaldi, Riva, Rizzi, Rizzo, Rossetti, Rossi, Ruggiero, Sala, Santoro,"
        "Sartori, Serra, Silvestri, Sorrentino, Testa, Valentini, Villa, Vitale, Vitali, Zanetti, Zanella,"
        "Zucchi, Bertoni, Ghidini, Tonoli"
    ),
    "D": _names(
        "Bauer, Becker, Braun, Fischer, Hartmann, Hoffmann, Hofmann, Keller, Klein, Koch, Köhler, Krause,"
        "Krüger, Lange, Lehmann, Maier, Meyer, Müller, Neumann, Richter, Schmidt, Schneider, Schröder,"
        "Schulz, Schwarz, Vogel, Wagner, Weber, Wolf, Zimmermann, Huber, Brunner, Steiner, Moser, Graf"
    ),
    "F": _names(
        "Bernard, Bertrand, Bonnet, Dubois, Dupont, Durand, Fournier, Girard, Lambert, Laurent, Lefèvre,"
        "Leroy, Martin, Mercier, Morel, Moreau, Petit, Richard, Roux, Simon, Thomas, Vincent, Chevalier,"
        "Gauthier, Perrin"
    ),
    "GB": _names(
        "Baker, Bennett, Carter, Clarke, Davies, Edwards, Evans, Green, Hall, Harris, Hill, Hughes,"
        "Jackson, Johnson, Jones, Lewis, Parker, Roberts, Robinson, Shaw, Smith, Taylor, Thompson, Turner,"
        "Ward, White, Williams, Wilson, Wood, Wright"
    ),
    "NL": _names("Bakker, de Boer, de Vries, Jansen, Mulder, van Dijk, Visser"),
    "S": _names("Andersson, Johansson, Karlsson, Lindqvist, Nilsson"),
}

PSEUDONYMS: tuple[str, ...] = ('"Falco"', '"Gufo"', '"Lupo"', '"Nembo"', '"Sparviero"', '"Tigre"')
"""Gentlemen drivers often entered under a nom de course in quotes; these are invented."""

PSEUDONYM_SHARE = 0.08
"""Share of Italian drivers of fast cars (GT and Sport) who race under a pseudonym, while the names last."""

REAL_SURNAMES: frozenset[str] = frozenset(
    _names(
        "Abecassis, Ascari, Bellucci, Biondetti, Bourillot, Bracco, Brinci, Casella, Castelbarco,"
        "Castellotti, Collins, Croce, Descollanges, Eger, Fangio, Farina, Fitch, Franchi, Frère,"
        "Gendebien, Gesell, Giardini, Glöckler, Herrmann, Jenkinson, Kling, Larcher, Maglioli,"
        "Malinconi, Marzani, Marzotto, Moss, Musso, Retter, Sbraci, Seidel, Sighinolfi, Simeoni,"
        "Taruffi, Villoresi, Wisdom"
    )
)
"""Crews of the real race: no invented crew carries one of these names (no real person is portrayed)."""
