#!/usr/bin/env python3
"""Deterministic generator for the sparsetune demo task: GSM8k-style arithmetic word problems.

Every problem is a short story built from one of many templates (shopping, ages, distances, sharing,
savings, baking, gardens, classrooms, ...) with varied names, items and units, and needs one to three
arithmetic steps (+, -, *, / with exact integer results).  Numbers are kept small so the task is sized
to a model of a few million parameters.

The completion is written GSM8k-style, one small operation per step, then the answer after ``####``:

    prompt:     "Question: Mia buys 3 packs of 4 pencils and gives 5 away. How many pencils does she
                 have left?\\nAnswer:"
    completion: " 3*4=12. 12-5=7.\\n#### 7"

Usage:  python resources/demo/make_task.py [--seed 1234] [--train 30000] [--validation 500] [--test 1000]
Writes resources/demo/data/{train,validation,test}.jsonl (fields: prompt, completion, answer,
template).  Prompts are unique across all three splits, so no test problem appears in train.
"""
import argparse
import json
import os
import random

# --------------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------------
NAMES = [
    ("Mia", "she"), ("Liam", "he"), ("Emma", "she"), ("Noah", "he"), ("Olivia", "she"), ("Ethan", "he"),
    ("Ava", "she"), ("Lucas", "he"), ("Sophia", "she"), ("Mason", "he"), ("Isabella", "she"),
    ("Logan", "he"), ("Amelia", "she"), ("James", "he"), ("Harper", "she"), ("Ben", "he"),
    ("Ella", "she"), ("Jack", "he"), ("Chloe", "she"), ("Owen", "he"), ("Grace", "she"), ("Leo", "he"),
    ("Zoe", "she"), ("Sam", "he"), ("Lily", "she"), ("Max", "he"), ("Nora", "she"), ("Omar", "he"),
    ("Aria", "she"), ("Ravi", "he"), ("Maya", "she"), ("Carlos", "he"), ("Hana", "she"), ("Ivan", "he"),
    ("Fatima", "she"), ("Kenji", "he"), ("Rosa", "she"), ("Tom", "he"), ("Julia", "she"), ("Adam", "he"),
    ("Sara", "she"), ("Paul", "he"), ("Anna", "she"), ("David", "he"), ("Lucy", "she"), ("Mark", "he"),
    ("Nina", "she"), ("Peter", "he"), ("Eva", "she"), ("Hugo", "he"),
]
# countable items someone can own, buy, collect or give away (singular, plural)
ITEMS = [
    ("pencil", "pencils"), ("sticker", "stickers"), ("marble", "marbles"), ("apple", "apples"),
    ("card", "cards"), ("book", "books"), ("shell", "shells"), ("stamp", "stamps"), ("toy car", "toy cars"),
    ("balloon", "balloons"), ("crayon", "crayons"), ("orange", "oranges"), ("candy", "candies"),
    ("button", "buttons"), ("comic", "comics"), ("ribbon", "ribbons"), ("bead", "beads"),
    ("cookie", "cookies"), ("egg", "eggs"), ("rock", "rocks"),
]
CONTAINERS = ["box", "pack", "bag", "jar", "basket", "crate", "tin", "carton"]
CONTAINERS_PL = {"box": "boxes", "pack": "packs", "bag": "bags", "jar": "jars", "basket": "baskets",
                 "crate": "crates", "tin": "tins", "carton": "cartons"}
SHOP_ITEMS = [  # (singular, plural) things with a price
    ("notebook", "notebooks"), ("pen", "pens"), ("sandwich", "sandwiches"), ("ticket", "tickets"),
    ("toy", "toys"), ("shirt", "shirts"), ("cup of juice", "cups of juice"), ("magazine", "magazines"),
    ("plant", "plants"), ("puzzle", "puzzles"), ("ball", "balls"), ("hat", "hats"), ("game", "games"),
    ("muffin", "muffins"), ("pizza", "pizzas"), ("kite", "kites"),
]
BAKED = [("cookie", "cookies"), ("muffin", "muffins"), ("cupcake", "cupcakes"), ("pie", "pies"),
         ("roll", "rolls"), ("brownie", "brownies"), ("bagel", "bagels"), ("tart", "tarts")]
FLOWERS = [("rose", "roses"), ("tulip", "tulips"), ("daisy", "daisies"), ("sunflower", "sunflowers"),
           ("carrot", "carrots"), ("tomato plant", "tomato plants"), ("lily", "lilies"),
           ("bean plant", "bean plants")]
VEHICLES = ["car", "bus", "train", "truck", "boat", "cyclist", "runner", "horse"]
DIST_UNITS = ["km", "miles"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONEY_NOUNS = ["dollars"]
PLACES = ["library", "school", "park", "farm", "zoo", "museum", "bakery", "market"]
ANIMALS = [("cow", "cows"), ("sheep", "sheep"), ("chicken", "chickens"), ("goat", "goats"),
           ("duck", "ducks"), ("horse", "horses"), ("pig", "pigs"), ("rabbit", "rabbits")]
PAGES_THINGS = ["pages", "laps", "push-ups", "words", "problems"]
WORD_MULT = {2: "twice", 3: "three times", 4: "four times", 5: "five times"}


def _his(p):
    return "his" if p == "he" else "her"


def _him(p):
    return "him" if p == "he" else "her"


def _does(p):  # "does he" / "does she"
    return "does " + p


def _cap(s):
    return s[0].upper() + s[1:]


class Ctx:
    """Random helpers bound to one RNG."""

    def __init__(self, rng):
        self.r = rng

    def n(self, lo, hi):
        return self.r.randint(lo, hi)

    def pick(self, seq):
        return self.r.choice(seq)

    def person(self, exclude=()):
        while True:
            p = self.r.choice(NAMES)
            if p[0] not in exclude:
                return p

    def people(self, k):
        return self.r.sample(NAMES, k)


def step(a, op, b):
    if op == "+":
        r = a + b
    elif op == "-":
        r = a - b
        assert r >= 0
    elif op == "*":
        r = a * b
    elif op == "/":
        assert b != 0 and a % b == 0
        r = a // b
    else:
        raise ValueError(op)
    return (a, op, b, r)


# --------------------------------------------------------------------------------------------------
# Templates.  Each returns (question_text, [steps]); the answer is the result of the last step.
# --------------------------------------------------------------------------------------------------
T = {}


def template(name, nsteps):
    def deco(fn):
        T[name] = (nsteps, fn)
        return fn
    return deco


# ---- one step -------------------------------------------------------------------------------------
@template("collect_more", 1)
def _(c):
    (nm, p), (s, pl) = c.person(), c.pick(ITEMS)
    a, b = c.n(3, 60), c.n(2, 40)
    q = c.pick([
        f"{nm} has {a} {pl}. {_cap(p)} finds {b} more. How many {pl} {_does(p)} have now?",
        f"{nm} had {a} {pl} and got {b} more from a friend. How many {pl} {_does(p)} have in total?",
        f"There are {a} {pl} in a drawer. {nm} puts in {b} more. How many {pl} are in the drawer now?",
    ])
    return q, [step(a, "+", b)]


@template("give_away", 1)
def _(c):
    (nm, p), (s, pl) = c.person(), c.pick(ITEMS)
    a = c.n(10, 90)
    b = c.n(1, a - 1)
    q = c.pick([
        f"{nm} has {a} {pl}. {_cap(p)} gives {b} to a friend. How many {pl} {_does(p)} have left?",
        f"{nm} had {a} {pl} but lost {b} of them. How many {pl} {_does(p)} have now?",
        f"A jar holds {a} {pl}. {nm} takes out {b}. How many {pl} are still in the jar?",
    ])
    return q, [step(a, "-", b)]


@template("containers", 1)
def _(c):
    (nm, p), (s, pl), box = c.person(), c.pick(ITEMS), c.pick(CONTAINERS)
    a, b = c.n(2, 9), c.n(2, 12)
    q = c.pick([
        f"{nm} buys {a} {CONTAINERS_PL[box]} of {pl}. Each {box} has {b} {pl}. How many {pl} {_does(p)} buy?",
        f"There are {a} {CONTAINERS_PL[box]} with {b} {pl} in each {box}. How many {pl} are there in all?",
    ])
    return q, [step(a, "*", b)]


@template("share_equally", 1)
def _(c):
    (nm, p), (s, pl) = c.person(), c.pick(ITEMS)
    each, k = c.n(2, 12), c.n(2, 9)
    tot = each * k
    q = c.pick([
        f"{nm} shares {tot} {pl} equally among {k} friends. How many {pl} does each friend get?",
        f"{nm} puts {tot} {pl} into {k} equal groups. How many {pl} are in each group?",
    ])
    return q, [step(tot, "/", k)]


@template("age_older", 1)
def _(c):
    (n1, p1), (n2, p2) = c.people(2)
    a, b = c.n(3, 40), c.n(1, 30)
    q = c.pick([
        f"{n1} is {a} years old. {n2} is {b} years older than {n1}. How old is {n2}?",
        f"{n1} is {a} years old. In {b} years, how old will {p1} be?",
    ])
    return q, [step(a, "+", b)]


@template("age_younger", 1)
def _(c):
    (n1, p1), (n2, p2) = c.people(2)
    a = c.n(10, 70)
    b = c.n(1, a - 2)
    q = f"{n1} is {a} years old. {n2} is {b} years younger than {n1}. How old is {n2}?"
    return q, [step(a, "-", b)]


@template("speed_time", 1)
def _(c):
    v, u = c.pick(VEHICLES), c.pick(DIST_UNITS)
    a, b = c.n(2, 12), c.n(2, 9)
    q = c.pick([
        f"A {v} travels {a} {u} every hour. How many {u} does it travel in {b} hours?",
        f"A {v} goes {a} {u} each hour for {b} hours. How far does it go in {u}?",
    ])
    return q, [step(a, "*", b)]


@template("savings_weeks", 1)
def _(c):
    nm, p = c.person()
    a, b = c.n(2, 12), c.n(2, 10)
    q = c.pick([
        f"{nm} saves {a} dollars every week. How many dollars {_does(p)} save in {b} weeks?",
        f"{nm} puts {a} dollars in {_his(p)} piggy bank each day for {b} days. How many dollars {_does(p)} put in?",
    ])
    return q, [step(a, "*", b)]


@template("bake_sell", 1)
def _(c):
    nm, p = c.person()
    s, pl = c.pick(BAKED)
    a = c.n(12, 80)
    b = c.n(1, a - 1)
    q = f"{nm} bakes {a} {pl} and sells {b} of them. How many {pl} are left?"
    return q, [step(a, "-", b)]


@template("price_total", 1)
def _(c):
    nm, p = c.person()
    s, pl = c.pick(SHOP_ITEMS)
    a, b = c.n(2, 9), c.n(2, 12)
    q = f"One {s} costs {b} dollars. How many dollars does {nm} pay for {a} {pl}?"
    return q, [step(a, "*", b)]


@template("distance_split", 1)
def _(c):
    nm, p = c.person()
    u = c.pick(DIST_UNITS)
    per, days = c.n(2, 12), c.n(2, 7)
    q = f"{nm} walks {per * days} {u} in {days} days, the same distance each day. How many {u} {_does(p)} walk each day?"
    return q, [step(per * days, "/", days)]


# ---- two steps ------------------------------------------------------------------------------------
@template("packs_give_away", 2)
def _(c):
    (nm, p), (s, pl), box = c.person(), c.pick(ITEMS), c.pick(CONTAINERS)
    a, b = c.n(2, 9), c.n(2, 10)
    x = a * b
    d = c.n(1, x - 1)
    q = c.pick([
        f"{nm} buys {a} {CONTAINERS_PL[box]} of {b} {pl} and gives {d} away. How many {pl} {_does(p)} have left?",
        f"{nm} has {a} {CONTAINERS_PL[box]} with {b} {pl} in each. {_cap(p)} uses {d} of them. How many {pl} are left?",
    ])
    return q, [step(a, "*", b), step(x, "-", d)]


@template("change_from_bill", 2)
def _(c):
    nm, p = c.person()
    s, pl = c.pick(SHOP_ITEMS)
    a, b = c.n(2, 6), c.n(2, 9)
    x = a * b
    bill = c.pick([b2 for b2 in (10, 20, 50, 100) if b2 >= x])
    q = f"{nm} buys {a} {pl} for {b} dollars each and pays with a {bill} dollar bill. How much change does {p} get?"
    return q, [step(a, "*", b), step(bill, "-", x)]


@template("age_times_minus", 2)
def _(c):
    (n1, p1), (n2, p2), (n3, p3) = c.people(3)
    a, k = c.n(2, 15), c.n(2, 4)
    x = a * k
    d = c.n(1, x - 1)
    q = f"{n1} is {a} years old. {n2} is {WORD_MULT[k]} as old as {n1}. {n3} is {d} years younger than {n2}. How old is {n3}?"
    return q, [step(a, "*", k), step(x, "-", d)]


@template("drive_then_more", 2)
def _(c):
    nm, p = c.person()
    u = c.pick(DIST_UNITS)
    a, b, d = c.n(2, 12), c.n(2, 6), c.n(1, 40)
    q = f"{nm} drives {a} {u} per hour for {b} hours and then {d} more {u}. How many {u} {_does(p)} drive in total?"
    return q, [step(a, "*", b), step(a * b, "+", d)]


@template("savings_start", 2)
def _(c):
    nm, p = c.person()
    a, b, w = c.n(1, 50), c.n(2, 10), c.n(2, 8)
    q = f"{nm} has {a} dollars and saves {b} dollars each week for {w} weeks. How many dollars {_does(p)} have then?"
    return q, [step(b, "*", w), step(a, "+", b * w)]


@template("bake_share", 2)
def _(c):
    nm, p = c.person()
    s, pl = c.pick(BAKED)
    k, each = c.n(2, 6), c.n(2, 9)
    tot = k * each
    a = c.n(1, tot - 1)
    b = tot - a
    q = f"{nm} bakes {a} {pl} in the morning and {b} in the afternoon. {_cap(p)} packs them equally into {k} boxes. How many {pl} go in each box?"
    return q, [step(a, "+", b), step(tot, "/", k)]


@template("class_groups", 2)
def _(c):
    k, each = c.n(2, 8), c.n(2, 6)
    tot = k * each
    a = c.n(1, tot - 1)
    b = tot - a
    q = c.pick([
        f"A class has {a} boys and {b} girls. The teacher makes groups of {each}. How many groups are there?",
        f"There are {a} adults and {b} children on a trip. Each van holds {each} people. How many vans are full?",
    ])
    return q, [step(a, "+", b), step(tot, "/", each)]


@template("garden_rows_die", 2)
def _(c):
    nm, p = c.person()
    s, pl = c.pick(FLOWERS)
    a, b = c.n(2, 9), c.n(2, 9)
    x = a * b
    d = c.n(1, x - 1)
    q = f"{nm} plants {a} rows of {pl} with {b} in each row. {d} of them do not grow. How many {pl} grow?"
    return q, [step(a, "*", b), step(x, "-", d)]


@template("half_then_more", 2)
def _(c):
    (nm, p), (s, pl) = c.person(), c.pick(ITEMS)
    h = c.n(2, 30)
    a = 2 * h
    b = c.n(1, 30)
    q = f"{nm} has {a} {pl}. {_cap(p)} gives half of them to {_his(p)} sister and then buys {b} more. How many {pl} {_does(p)} have now?"
    return q, [step(a, "/", 2), step(h, "+", b)]


@template("two_friends_total", 2)
def _(c):
    (n1, p1), (n2, p2) = c.people(2)
    s, pl = c.pick(ITEMS)
    a, d = c.n(5, 40), c.n(1, 20)
    q = f"{n1} has {a} {pl}. {n2} has {d} more {pl} than {n1}. How many {pl} do they have together?"
    return q, [step(a, "+", d), step(a, "+", a + d)]


@template("reading_days", 2)
def _(c):
    nm, p = c.person()
    thing = c.pick(PAGES_THINGS)
    verb = {"pages": "reads", "laps": "swims", "push-ups": "does", "words": "writes", "problems": "solves"}[thing]
    a, b = c.n(2, 12), c.n(2, 7)
    x = a * b
    d = c.n(1, 30)
    q = f"{nm} {verb} {a} {thing} a day for {b} days. On the last day {p} {verb} {d} extra {thing}. How many {thing} is that in all?"
    return q, [step(a, "*", b), step(x, "+", d)]


@template("farm_legs_one", 1)
def _(c):
    s1, pl1 = c.pick([("cow", "cows"), ("goat", "goats"), ("pig", "pigs"), ("horse", "horses")])
    a = c.n(2, 12)
    q = f"A farm has {a} {pl1}. Each {s1} has 4 legs. How many legs do the {pl1} have in total?"
    return q, [step(a, "*", 4)]


@template("farm_legs_total", 3)
def _(c):
    s1, pl1 = c.pick([("cow", "cows"), ("goat", "goats"), ("pig", "pigs"), ("horse", "horses")])
    s2, pl2 = c.pick([("chicken", "chickens"), ("duck", "ducks")])
    a, b = c.n(1, 12), c.n(1, 12)
    q = f"A farm has {a} {pl1} and {b} {pl2}. Each {s1} has 4 legs and each {s2} has 2 legs. How many legs are there in total?"
    return q, [step(a, "*", 4), step(b, "*", 2), step(4 * a, "+", 2 * b)]


# ---- three steps ----------------------------------------------------------------------------------
@template("two_prices_total", 3)
def _(c):
    nm, p = c.person()
    (s1, pl1), (s2, pl2) = c.r.sample(SHOP_ITEMS, 2)
    a, b, d, e = c.n(2, 6), c.n(2, 9), c.n(2, 6), c.n(2, 9)
    q = f"{nm} buys {a} {pl1} at {b} dollars each and {d} {pl2} at {e} dollars each. How many dollars {_does(p)} spend?"
    return q, [step(a, "*", b), step(d, "*", e), step(a * b, "+", d * e)]


@template("collect_packs_give", 3)
def _(c):
    (nm, p), (s, pl), box = c.person(), c.pick(ITEMS), c.pick(CONTAINERS)
    a, b, k = c.n(1, 40), c.n(2, 6), c.n(2, 9)
    x = b * k
    y = a + x
    d = c.n(1, y - 1)
    q = f"{nm} has {a} {pl}. {_cap(p)} buys {b} {CONTAINERS_PL[box]} with {k} {pl} in each {box}, then gives {d} {pl} away. How many {pl} {_does(p)} have now?"
    return q, [step(b, "*", k), step(a, "+", x), step(y, "-", d)]


@template("earn_spend_share", 3)
def _(c):
    nm, p = c.person()
    rate, hours = c.n(2, 9), c.n(2, 10)
    x = rate * hours
    k = c.n(2, min(4, x - 1))
    m = c.n(1, (x - 1) // k)  # what each friend gets
    sp = x - k * m
    q = f"{nm} earns {rate} dollars an hour and works {hours} hours. {_cap(p)} spends {sp} dollars and shares the rest equally among {k} friends. How many dollars does each friend get?"
    return q, [step(rate, "*", hours), step(x, "-", sp), step(x - sp, "/", k)]


@template("age_future", 2)
def _(c):
    (n1, p1), (n2, p2) = c.people(2)
    a, d, y = c.n(3, 30), c.n(1, 20), c.n(1, 10)
    q = f"{n1} is {a} years old. {n2} is {d} years older than {n1}. How old will {n2} be in {y} years?"
    return q, [step(a, "+", d), step(a + d, "+", y)]


@template("week_walks", 3)
def _(c):
    nm, p = c.person()
    u = c.pick(DIST_UNITS)
    d1, d2 = c.r.sample(DAYS[:5], 2)
    a, b = c.n(1, 15), c.n(1, 15)
    k = c.n(2, 3)
    q = f"{nm} walks {a} {u} on {d1} and {b} {u} on {d2}. On Saturday {p} walks {WORD_MULT[k]} as far as on {d2}. How many {u} {_does(p)} walk in all?"
    return q, [step(b, "*", k), step(a, "+", b), step(a + b, "+", b * k)]


@template("bakery_trays_sold_boxes", 3)
def _(c):
    nm, p = c.person()
    s, pl = c.pick(BAKED)
    trays, per = c.n(2, 6), c.n(4, 12)
    x = trays * per
    box = c.n(2, 6)
    left_opts = [l for l in range(box, x, box)]
    left = c.pick(left_opts) if left_opts else None
    if left is None:
        trays, per, box = 3, 8, 4
        x, left = 24, 12
    sold = x - left
    q = f"{nm} bakes {trays} trays of {pl} with {per} on each tray. {_cap(p)} sells {sold} {pl} and puts the rest in boxes of {box}. How many boxes {_does(p)} fill?"
    return q, [step(trays, "*", per), step(x, "-", sold), step(left, "/", box)]


@template("tickets_family", 3)
def _(c):
    nm, p = c.person()
    adult, child = c.n(5, 15), c.n(2, 9)
    na, nc = c.n(1, 4), c.n(1, 5)
    place = c.pick(PLACES)
    q = f"At the {place}, an adult ticket costs {adult} dollars and a child ticket costs {child} dollars. {nm} buys {na} adult tickets and {nc} child tickets. How many dollars {_does(p)} pay?"
    return q, [step(na, "*", adult), step(nc, "*", child), step(na * adult, "+", nc * child)]


@template("marbles_lose_win", 3)
def _(c):
    (nm, p), (s, pl) = c.person(), c.pick(ITEMS)
    a = c.n(10, 60)
    l = c.n(1, a - 1)
    k = c.n(2, 3)
    b = c.n(1, 9)
    q = f"{nm} has {a} {pl}. {_cap(p)} loses {l} of them. Then {p} wins {k} games and gets {b} {pl} for each game. How many {pl} {_does(p)} have now?"
    return q, [step(a, "-", l), step(k, "*", b), step(a - l, "+", k * b)]


@template("garden_rows_pick_share", 3)
def _(c):
    nm, p = c.person()
    rows, per = c.n(2, 6), c.n(2, 9)
    x = rows * per
    k = c.n(2, 5)
    opts = [e for e in range(1, x) if (x - e) % k == 0 and x - e > 0]
    e = c.pick(opts) if opts else 0
    if not opts:
        rows, per, k, e = 3, 6, 4, 2
        x = 18
    fruit, fruits = c.pick([("apple", "apples"), ("pear", "pears"), ("peach", "peaches"), ("lemon", "lemons"), ("plum", "plums")])
    q = f"{nm} picks {per} {fruits} from each of {rows} trees. {_cap(p)} eats {e} and gives the rest equally to {k} neighbors. How many {fruits} does each neighbor get?"
    return q, [step(rows, "*", per), step(x, "-", e), step(x - e, "/", k)]


@template("savings_goal", 3)
def _(c):
    nm, p = c.person()
    thing = c.pick(["bike", "guitar", "tablet", "skateboard", "camera", "tent", "watch"])
    has = c.n(1, 40)
    per, weeks = c.n(2, 10), c.n(2, 8)
    price = has + per * weeks + c.n(1, 40)
    q = f"{nm} wants a {thing} that costs {price} dollars. {_cap(p)} has {has} dollars and saves {per} dollars a week for {weeks} weeks. How many more dollars {_does(p)} need?"
    x = per * weeks
    return q, [step(per, "*", weeks), step(has, "+", x), step(price, "-", has + x)]


@template("bus_stops", 3)
def _(c):
    a = c.n(5, 40)
    off = c.n(1, a - 1)
    on1 = c.n(1, 20)
    on2 = c.n(1, 20)
    q = f"A bus has {a} people on it. At the first stop {off} people get off. At the second stop {on1} people get on, and at the third stop {on2} more get on. How many people are on the bus now?"
    return q, [step(a, "-", off), step(a - off, "+", on1), step(a - off + on1, "+", on2)]


@template("pages_book_left", 3)
def _(c):
    nm, p = c.person()
    per, days = c.n(2, 12), c.n(2, 6)
    extra = c.n(1, 20)
    total = per * days + extra + c.n(1, 60)
    q = f"A book has {total} pages. {nm} reads {per} pages a day for {days} days and then {extra} pages on the weekend. How many pages are left to read?"
    x = per * days
    return q, [step(per, "*", days), step(x, "+", extra), step(total, "-", x + extra)]


@template("animal_pens", 2)
def _(c):
    s, pl = c.pick(ANIMALS)
    pens, per = c.n(2, 9), c.n(2, 9)
    more = c.n(1, 20)
    q = f"A farmer has {pens} pens with {per} {pl} in each pen. {_cap('he' if c.n(0, 1) else 'she')} buys {more} more {pl}. How many {pl} does the farmer have now?"
    return q, [step(pens, "*", per), step(pens * per, "+", more)]


@template("price_per_item", 2)
def _(c):
    nm, p = c.person()
    s, pl = c.pick(SHOP_ITEMS)
    k, price, m = c.n(2, 8), c.n(2, 12), c.n(2, 9)
    q = f"{nm} pays {k * price} dollars for {k} {pl}, all with the same price. How many dollars would {m} {pl} cost?"
    return q, [step(k * price, "/", k), step(price, "*", m)]


@template("team_points", 2)
def _(c):
    (n1, p1), (n2, p2) = c.people(2)
    a, k = c.n(2, 20), c.n(2, 5)
    q = f"{n1} scores {a} points. {n2} scores {WORD_MULT[k]} as many points as {n1}. How many points do they score together?"
    return q, [step(a, "*", k), step(a, "+", a * k)]


@template("temperature", 2)
def _(c):
    a = c.n(5, 30)
    up = c.n(1, 15)
    down = c.n(1, a + up - 1)
    d1 = c.pick(DAYS)
    q = f"In the morning on {d1} it is {a} degrees. By noon it is {up} degrees warmer, and by night it is {down} degrees colder than at noon. What is the temperature at night?"
    return q, [step(a, "+", up), step(a + up, "-", down)]


# --------------------------------------------------------------------------------------------------
def fmt_step(s):
    a, op, b, r = s
    return f"{a}{op}{b}={r}."


def make_problem(c, name):
    nsteps, fn = T[name]
    q, steps = fn(c)
    ans = steps[-1][3]
    prompt = f"Question: {q}\nAnswer:"
    completion = " " + " ".join(fmt_step(s) for s in steps) + f"\n#### {ans}"
    return {"prompt": prompt, "completion": completion, "answer": ans, "template": name}


def generate(seed, n_train, n_val, n_test):
    rng = random.Random(seed)
    c = Ctx(rng)
    names = sorted(T)
    total = n_train + n_val + n_test
    seen, out = set(), []
    tries = 0
    while len(out) < total:
        tries += 1
        if tries > total * 50:
            raise RuntimeError("could not generate enough unique problems")
        ex = make_problem(c, rng.choice(names))
        if ex["prompt"] in seen:
            continue
        seen.add(ex["prompt"])
        out.append(ex)
    # held-out splits first (already shuffled by construction); prompts are unique across splits
    test = out[:n_test]
    val = out[n_test:n_test + n_val]
    train = out[n_test + n_val:]
    return train, val, test


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--train", type=int, default=30000)
    ap.add_argument("--validation", type=int, default=500)
    ap.add_argument("--test", type=int, default=1000)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "data"))
    args = ap.parse_args()
    train, val, test = generate(args.seed, args.train, args.validation, args.test)
    os.makedirs(args.out, exist_ok=True)
    for name, rows in (("train", train), ("validation", val), ("test", test)):
        path = os.path.join(args.out, f"{name}.jsonl")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(f"wrote {len(rows):6d} problems to {path}")
    assert not ({r["prompt"] for r in test} & {r["prompt"] for r in train})
    assert not ({r["prompt"] for r in val} & {r["prompt"] for r in train})
    by_steps = {}
    for r in train:
        k = r["completion"].count("=")
        by_steps[k] = by_steps.get(k, 0) + 1
    print(f"{len(T)} templates; train problems by number of steps: {dict(sorted(by_steps.items()))}")


if __name__ == "__main__":
    main()
