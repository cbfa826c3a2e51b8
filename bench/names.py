"""Plausible synthetic names with a realistic, skewed frequency, for the benchmarks.

Every name is either a very common generic one or invented from English place-name
parts ("Ash" + "ford"): no list of real people. Frequencies follow a Zipf-like curve
(weight 1 / (rank + k)), so the commonest surname is about 1% of people and the
commonest first name about 2%, with a long tail of rare ones, as in a real register.
A handful of syllables, by contrast, makes every trigram common, which is nothing like
real names and makes a trigram index look far worse than it is.
"""

import itertools
import random

COMMON_SURNAMES = """Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright
Thompson Evans Walker White Roberts Green Hall Wood Jackson Clarke Patel Khan Lewis James
Phillips Mason Mitchell Rose Davis Rodgers Ward Turner Morris Hughes Edwards Cook Baker
Harris King Lee Clark Allen Scott Young Hill Moore Martin Cooper Parker Bennett Carter
Bell Shaw Price Murphy Lloyd Gray Marshall Stevens Griffiths Hunt Palmer Kelly Campbell
Cole Holmes Mills Fisher Fox Owen Barker Knight Webb Spencer Ellis Hussain Ali Ahmed
Begum Singh Kaur Nowak Kowalski Silva Santos Ryan Byrne Walsh Reid Fraser Ross Murray
Stewart Watson Graham Kennedy Anderson Gibson Hamilton Grant Burns Russell Dixon Harvey
Chapman Pearson Bailey Hudson Lawson Webster Reynolds Fletcher Day Saunders Richards
Butler Barnes Chambers Dawson Foster Gordon Hart Hayes Hunter Jenkins Kent Lane Lord
Mann Nash Newman Nicholls Page Parsons Pike Porter Quinn Rees Riley Sharp Stone Sutton
Townsend Wade Walton Warren Watts Wells West Wheeler Whitehead Wilkinson Wong Chen Nguyen
Okafor Adeyemi Mensah Osei Yilmaz Demir Popescu Ionescu Rossi Russo Costa Novak Horvat""".split()

SURNAME_STARTS = """Ash Ather Bar Barn Black Brad Bram Bray Brent Brock Brook Bur Cal Car Chal
Chat Chester Clif Col Crom Cross Dal Dar Dun Eg El Elm Fair Fal Farn Fen Ful Gar Glad
Good Gold Hal Ham Har Hart Hath Hay Hazel Hes Hol Hor Hux Ing Kel Ken Kings Kir Lam Lang
Lind Lock Lyn Mal Mar Mel Mid Mil Mor Moss New Nor North Oak Old Orm Pem Pen Pres Rad
Rams Raw Red Ross Rush Sal Sand Sel Shel Sher Ship Sid Staf Stan Stock Stone Sud Sum
Swin Tal Tam Thorn Thrush Tod Up Wad Wake Wal War Wat Wel Went Wes West Whit Wick Wil
Win Wor Wyn Yar Ald Bell Birch Bole Cran Dove Fern Frost Hawk Heath Holly Kent Lark Marsh
Mead Pine Rook Shaw Tyne Vale Wren Yew Ald Bex Cob Dray Fox Gil Hurl Ire Jar Kem Ley""".split()

SURNAME_ENDS = """ton ley ford well wood field worth by ham more bury den dale combe stone brook
ridge croft hurst mere ington ock er man son s en ett ins all ery wick cott low lake
shaw gate bourne ing ard hill thorpe burn holt stead wade land ney sey cliffe ridge
well wright""".split()

COMMON_FIRST_NAMES = """Oliver Amelia George Olivia Harry Isla Noah Ava Jack Emily Leo Sophia
Arthur Grace Muhammad Mia Oscar Poppy Charlie Ella Jacob Lily Thomas Evie Freddie Isabella
Alfie Sophie Theo Ivy William Freya Archie Harper Henry Florence Joshua Willow James Ruby
Lucas Rosie Isaac Phoebe Finley Daisy Ethan Sienna Max Chloe Mohammed Isabelle Joseph
Alice Tommy Matilda Samuel Elsie Daniel Evelyn Adam Jessica Reuben Emilia Logan Millie
Harrison Layla Sebastian Esme Edward Maya Dylan Scarlett Albie Eliza Elijah Erin Zachary
Zara Ronnie Ayla Benjamin Hannah Mason Lucy Teddy Holly Rory Imogen Louie Molly Jude
Maisie Toby Lola Hugo Eva Frankie Aria Riley Robyn Jaxon Nancy Caleb Bella Stanley Mabel
Jenson Ada Ezra Orla Elliot Penelope Bobby Violet Jamie Hallie Luca Iris Louis Emma
Michael Sarah David Laura John Rachel Paul Emma Mark Claire Andrew Helen Richard Nicola
Peter Karen Stephen Lisa Christopher Joanne Matthew Kelly Robert Amy Anthony Gemma Kevin
Kirsty Gary Donna Lee Michelle Craig Natalie Dean Stacey Wayne Leanne Jason Tracey Carl
Zoe Aisha Fatima Amir Yusuf Hassan Omar Ibrahim Maryam Zainab Priya Arjun Ravi Anika
Kacper Zofia Jakub Wiktoria Mateo Sofia Luka Ana Kofi Ama Chidi Ngozi Tunde Femi Deniz
Elif Andrei Ioana Marco Giulia Tiago Beatriz Kai Mei Wei Lin Minh Linh Conor Niamh
Cian Aoife Callum Eilidh Rhys Cerys Dewi Seren""".split()

FIRST_STARTS = """A Be Ca Da E Fa Ge Ha I Ja Ka La Ma Na O Pa Ra Sa Ta Va Za Bri Cla Elo Fre Lu
Mi No Ro Su Ty Ar Bel Cor Dor Em Flo Hen Jo Kit Lo Mar Nel Or Pen Ros Sil Tam Wil""".split()

FIRST_ENDS = """ra na lie den ly lan ron son ya ella ia an on en ie o a ine y rick ton bel
wyn nie lia ric""".split()


def _ordered(common, invented, rng) -> list[str]:
    """Common names first (most frequent), then the invented ones in a fixed random order."""
    seen = set(common)
    tail = [n for n in dict.fromkeys(invented) if n not in seen and len(n) >= 3]
    rng.shuffle(tail)
    return list(dict.fromkeys(common)) + tail


def surnames(rng) -> list[str]:
    invented = (a + b for a, b in itertools.product(SURNAME_STARTS, SURNAME_ENDS))
    return _ordered(COMMON_SURNAMES, (n.capitalize() for n in invented), rng)


def first_names(rng) -> list[str]:
    invented = (a + b for a, b in itertools.product(FIRST_STARTS, FIRST_ENDS))
    return _ordered(COMMON_FIRST_NAMES, (n.capitalize() for n in invented), rng)


class NamePicker:
    """Draw names with a Zipf-like frequency: weight 1 / (rank + k)."""

    def __init__(self, seed: int = 20261122):
        rng = random.Random(seed)
        self.rng = rng
        self._surnames = surnames(rng)
        self._first = first_names(rng)
        self._surname_cum = list(
            itertools.accumulate(1 / (r + 10) for r in range(len(self._surnames)))
        )
        self._first_cum = list(itertools.accumulate(1 / (r + 10) for r in range(len(self._first))))

    def surname(self) -> str:
        return self.rng.choices(self._surnames, cum_weights=self._surname_cum)[0]

    def first_name(self) -> str:
        return self.rng.choices(self._first, cum_weights=self._first_cum)[0]

    def sizes(self) -> tuple[int, int]:
        return len(self._first), len(self._surnames)
