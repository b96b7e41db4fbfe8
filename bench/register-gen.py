#!/usr/bin/env python3
"""A synthetic register of cooperatives, shaped like a real one, as the CSV the units upload takes.

    bench/register-gen.py --units 100000 --period 2024 --out /tmp/register.csv [--seed 1]

Shape: Canada's 13 provinces and territories weighted as its 2021 cooperatives (Quebec 2,503 …
Newfoundland and Labrador 28), 2 % of units coded to the country only; types as Canada's 2020
(consumer 68 %, producer 16 %, multi-stakeholder 8 %, worker 7 %, unknown 1 %); 1.5 % secondary,
0.1 % tertiary; ISIC sections skewed to trade, finance, agriculture, real estate and services;
80 % active, 15 % dormant, 5 % dissolved; sizes (members, workers, money) from a Pareto tail, so
that a few cooperatives dominate their cells, as in real registers.
"""
import argparse
import csv
import random

AREAS = [("CA-QC", 2503), ("CA-ON", 1085), ("CA-AB", 493), ("CA-BC", 466), ("CA-SK", 386),
         ("CA-MB", 246), ("CA-NS", 183), ("CA-NB", 112), ("CA-PE", 63), ("CA-YT", 14),
         ("CA-NT", 14), ("CA-NU", 12), ("CA-NL", 28), ("CAN", 110)]
TYPES = [("CONS", 682), ("PROD", 156), ("MULTI", 82), ("WORK", 66), ("_U", 14)]
LEVELS = [("PRIM", 984), ("SEC", 15), ("TERT", 1)]
ACTIVITIES = [("G", 20), ("K", 18), ("A", 14), ("L", 12), ("S", 8), ("Q", 6), ("C", 5),
              ("I", 3), ("H", 3), ("N", 2), ("M", 2), ("P", 2), ("R", 2), ("J", 1), ("F", 1),
              ("D", 0.5), ("E", 0.5), ("B", 0.3), ("O", 0.1), ("T", 0.05), ("U", 0.05)]
STATUS = [("ACTIVE", 80), ("DORMANT", 15), ("DISSOLVED", 5)]
CATEGORIES = ["IN_EMP_NM", "IN_EMP_WM", "IN_EMP_OM", "IN_VOL", "IN_UTR", "WS_PM", "WS_EMP", "WS_CFW"]
MONEY = ["TURNOVER", "VALUE_ADDED", "WAGES", "SURPLUS", "ASSETS", "LIABILITIES", "EQUITY",
         "MEMBER_CAPITAL"]

COLUMNS = (["UNIT_ID", "TIME_PERIOD", "REF_AREA", "COOP_TYPE", "COOP_LEVEL", "ACTIVITY", "STATUS",
            "REGISTERED", "DISSOLVED", "MEMBERS_NP_F", "MEMBERS_NP_M", "MEMBERS_LE", "MEMBERS_CO"]
           + [c + s for c in CATEGORIES for s in ("_F", "_M")] + MONEY + ["CURRENCY"])


def pick(rng, weighted):
    codes = [c for c, _ in weighted]
    weights = [w for _, w in weighted]
    return rng.choices(codes, weights)[0]


def size(rng, scale, alpha=1.3):
    """A long-tailed size: most units small, a few very large."""
    return int(scale * (rng.paretovariate(alpha) - 0.7))


def unit(rng, i, period):
    year = int(period[:4])
    level = pick(rng, LEVELS)
    status = pick(rng, STATUS)
    registered_year = rng.randint(1950, year)
    registered = f"{registered_year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    dissolved = ""
    if status == "DISSOLVED":
        dissolved = f"{year}-{rng.randint(1, 12):02d}-28"
        if dissolved < registered:
            registered, dissolved = dissolved, registered
            registered = registered[:8] + "01"
    row = {"UNIT_ID": f"U{i:07d}", "TIME_PERIOD": period, "REF_AREA": pick(rng, AREAS),
           "COOP_TYPE": pick(rng, TYPES), "COOP_LEVEL": level, "ACTIVITY": pick(rng, ACTIVITIES),
           "STATUS": status, "REGISTERED": registered, "DISSOLVED": dissolved}
    if level == "PRIM":
        persons = size(rng, 40)
        women = rng.randint(0, persons)
        row.update(MEMBERS_NP_F=women, MEMBERS_NP_M=persons - women,
                   MEMBERS_LE=rng.choice([0, 0, 0, 1, 2]), MEMBERS_CO=0)
        worker_members = min(persons, size(rng, 1) if row["COOP_TYPE"] == "WORK" else 0)
    else:
        row.update(MEMBERS_NP_F="", MEMBERS_NP_M="", MEMBERS_LE="", MEMBERS_CO=rng.randint(2, 60))
        worker_members = 0
    workers = {c: 0 for c in CATEGORIES}
    if status != "DISSOLVED":
        workers["IN_EMP_NM"] = size(rng, 3)
        workers["IN_EMP_WM"] = worker_members
        workers["IN_VOL"] = rng.choice([0, 0, size(rng, 2)])
        if row["COOP_TYPE"] == "PROD":
            workers["WS_PM"] = size(rng, 10)
    for c in CATEGORIES:
        f = rng.randint(0, workers[c])
        row[c + "_F"], row[c + "_M"] = f, workers[c] - f
    turnover = round(size(rng, 150_000) + rng.random() * 1000, 2)
    assets = round(turnover * rng.uniform(0.3, 2.0), 2)
    equity = round(assets * rng.uniform(0.1, 0.6), 2)
    row.update(TURNOVER=turnover, VALUE_ADDED=round(turnover * rng.uniform(0.1, 0.5), 2),
               WAGES=round(turnover * rng.uniform(0.05, 0.3), 2),
               SURPLUS=round(turnover * rng.uniform(-0.05, 0.1), 2), ASSETS=assets,
               LIABILITIES=round(assets - equity, 2), EQUITY=equity,
               MEMBER_CAPITAL=round(equity * rng.uniform(0.05, 0.5), 2), CURRENCY="CAD")
    return row


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--period", default="2024")
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with open(args.out, "w", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for i in range(1, args.units + 1):
            writer.writerow(unit(rng, i, args.period))


if __name__ == "__main__":
    main()
