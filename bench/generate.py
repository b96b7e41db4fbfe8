#!/usr/bin/env python3
"""Generate realistic, valid COOP_STATS observations as CSV chunks for the upload API.

Standard library only, deterministic (same --seed, same bytes).

What it writes: 200 ISO 3166-1 alpha-3 areas x 20 years (2005-2024) x a mix of series that
depends on how detailed each area's (fictitious) statistics are (--first-year adds earlier years,
the history a statistics database grows by: the same series, from a generator of their own, so that
the rows of 2005-2024 stay the same bytes):

  tier 2 (full)   cooperatives by type x ISIC section and by level; registered, new, closed;
                  members by type x member kind x sex (+ secondary/tertiary members, kind CO);
                  workers by type x category of work x sex; FTE; turnover, value added, wages,
                  surplus, assets by type x section; liabilities, equity, member capital by type.
  tier 1 (medium) margins only (by type, by section), members by type x kind x sex, workers by
                  category x sex, money by type.
  tier 0 (basic)  a handful of totals.

Every row obeys the service's rules R01-R04 (codes exist, SEX/WORK_CAT/MEMBER_KIND are _Z where
measure_dimension says they do not apply, counts are whole and non-negative, money has its
currency, one value per key and period), and the figures are also consistent in the ways the
later rules ask: children add up to their totals exactly (R05), COOPS <= COOPS_REG and
worker-members <= natural-person members, by type and sex (R07), ASSETS = LIABILITIES + EQUITY
and VALUE_ADDED <= TURNOVER (R08), members of SEC/TERT cooperatives are MEMBER_KIND=CO (R06).
SURPLUS is sometimes negative, as allowed. (Uploaded to the service at 9ad8840, the previous
version of this script drew no errors and 392 R07 warnings, worker-members of one sex above the
members of that sex; worker-members are now split by sex as the members are: 0 of the 33,000
pairs exceed.)

Output: one file per group of areas (whole areas, ~--chunk-rows rows each), named
chunk-NNN.csv, with header
REF_AREA,MEASURE,COOP_TYPE,COOP_LEVEL,ACTIVITY,SEX,MEMBER_KIND,WORK_CAT,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE
and a manifest.json listing files, row counts and the areas in each.

The codes are checked against the code lists of V2__code_lists.sql (CL_AREA, CL_CURRENCY and the
dimension lists) when that file is found (--code-lists), so a drift between this script and the
migrations fails loudly here rather than as a 422 during the load.
"""

import argparse
import json
import math
import os
import random
import re
import sys

HEADER = ["REF_AREA", "MEASURE", "COOP_TYPE", "COOP_LEVEL", "ACTIVITY", "SEX", "MEMBER_KIND",
          "WORK_CAT", "TIME_PERIOD", "OBS_VALUE", "UNIT_MEASURE"]
YEARS = list(range(2005, 2025))
# How far back from YEARS[0] the history years (--first-year) follow an area's trend.
HISTORY_TREND_YEARS = 30

# 200 areas of CL_AREA (the 249 ISO 3166-1 countries less 49 small dependencies and
# uninhabited territories) with the currency their money figures are in. Currencies are the
# JDK's java.util.Currency for the country (as CL_CURRENCY is), except SLV and ZWE -> USD.
AREA_CURRENCY = dict(pair.split(":") for pair in (
    "AND:EUR ARE:AED AFG:AFN ATG:XCD ALB:ALL ARM:AMD AGO:AOA ARG:ARS AUT:EUR AUS:AUD AZE:AZN BIH:BAM "
    "BRB:BBD BGD:BDT BEL:EUR BFA:XOF BGR:BGN BHR:BHD BDI:BIF BEN:XOF BMU:BMD BRN:BND BOL:BOB BRA:BRL "
    "BHS:BSD BTN:BTN BWA:BWP BLR:BYN BLZ:BZD CAN:CAD COD:CDF CAF:XAF COG:XAF CHE:CHF CIV:XOF CHL:CLP "
    "CMR:XAF CHN:CNY COL:COP CRI:CRC CUB:CUP CPV:CVE CYP:EUR CZE:CZK DEU:EUR DJI:DJF DNK:DKK DMA:XCD "
    "DOM:DOP DZA:DZD ECU:USD EST:EUR EGY:EGP ERI:ERN ESP:EUR ETH:ETB FIN:EUR FJI:FJD FSM:USD FRA:EUR "
    "GAB:XAF GBR:GBP GRD:XCD GEO:GEL GHA:GHS GRL:DKK GMB:GMD GIN:GNF GNQ:XAF GRC:EUR GTM:GTQ GNB:XOF "
    "GUY:GYD HKG:HKD HND:HNL HRV:EUR HTI:HTG HUN:HUF IDN:IDR IRL:EUR ISR:ILS IND:INR IRQ:IQD IRN:IRR "
    "ISL:ISK ITA:EUR JAM:JMD JOR:JOD JPN:JPY KEN:KES KGZ:KGS KHM:KHR KIR:AUD COM:KMF KNA:XCD PRK:KPW "
    "KOR:KRW KWT:KWD KAZ:KZT LAO:LAK LBN:LBP LCA:XCD LIE:CHF LKA:LKR LBR:LRD LSO:LSL LTU:EUR LUX:EUR "
    "LVA:EUR LBY:LYD MAR:MAD MCO:EUR MDA:MDL MNE:EUR MDG:MGA MHL:USD MKD:MKD MLI:XOF MMR:MMK MNG:MNT "
    "MAC:MOP MRT:MRU MLT:EUR MUS:MUR MDV:MVR MWI:MWK MEX:MXN MYS:MYR MOZ:MZN NAM:NAD NER:XOF NGA:NGN "
    "NIC:NIO NLD:EUR NOR:NOK NPL:NPR NRU:AUD NZL:NZD OMN:OMR PAN:PAB PER:PEN PNG:PGK PHL:PHP PAK:PKR "
    "POL:PLN PRI:USD PSE:ILS PRT:EUR PLW:USD PRY:PYG QAT:QAR ROU:RON SRB:RSD RUS:RUB RWA:RWF SAU:SAR "
    "SLB:SBD SYC:SCR SDN:SDG SWE:SEK SGP:SGD SVN:EUR SVK:EUR SLE:SLE SMR:EUR SEN:XOF SOM:SOS SUR:SRD "
    "SSD:SSP STP:STN SLV:USD SYR:SYP SWZ:SZL TCD:XAF TGO:XOF THA:THB TJK:TJS TLS:USD TKM:TMT TUN:TND "
    "TON:TOP TUR:TRY TTO:TTD TUV:AUD TWN:TWD TZA:TZS UKR:UAH UGA:UGX USA:USD URY:UYU UZB:UZS VCT:XCD "
    "VEN:VES VNM:VND VUT:VUV WSM:WST YEM:YER ZAF:ZAR ZMB:ZMW ZWE:USD").split())

# Rough number of cooperatives in 2005 for some countries (orders of magnitude from ICA/ILO
# publications; the rest are drawn from a log-normal). They always get the full detail.
ANCHOR_COOPS = {
    "IND": 600000, "CHN": 400000, "BGD": 170000, "IDN": 120000, "ETH": 40000, "NGA": 60000,
    "IRN": 70000, "ITA": 70000, "BRA": 6500, "USA": 40000, "JPN": 42000, "KOR": 9000,
    "DEU": 7500, "FRA": 23000, "ESP": 25000, "GBR": 5500, "CAN": 8000, "KEN": 12000,
    "TZA": 9000, "PHL": 60000, "VNM": 18000, "TUR": 75000, "RUS": 40000, "POL": 13000,
    "ARG": 18000, "MEX": 12000, "COL": 8000, "EGY": 14000, "ZAF": 20000, "THA": 9000,
}

# Approximate units of the currency per US dollar; other currencies get a deterministic draw.
RATES = {
    "USD": 1, "EUR": 0.9, "GBP": 0.78, "JPY": 130, "CNY": 6.9, "INR": 75, "KRW": 1200,
    "IDR": 14500, "VND": 23000, "BRL": 4.5, "CAD": 1.3, "AUD": 1.4, "CHF": 0.95, "KES": 110,
    "TZS": 2300, "NGN": 400, "ZAR": 15, "MXN": 19, "ARS": 100, "RUB": 70, "TRY": 10, "PHP": 52,
    "THB": 33, "PKR": 180, "BDT": 90, "EGP": 20, "IRR": 42000, "COP": 3800, "CLP": 800,
    "UGX": 3700, "ETB": 45, "XOF": 600, "XAF": 600, "PLN": 4, "SEK": 10, "NOK": 10, "DKK": 6.7,
}

TYPES = ["PROD", "WORK", "CONS", "MULTI", "_U"]
# ISIC Rev.4 sections where cooperatives are found, with the chance an area has them and which
# types dominate there (weights for PROD, WORK, CONS, MULTI, _U).
SECTIONS = {
    "A": (0.97, (8, 0.3, 0.5, 0.4, 0.4)),
    "B": (0.15, (2, 3, 0.2, 0.2, 0.3)),
    "C": (0.70, (3, 2, 0.5, 0.3, 0.3)),
    "D": (0.35, (0.5, 0.2, 5, 1, 0.2)),
    "E": (0.25, (0.3, 0.5, 3, 1, 0.2)),
    "F": (0.50, (0.5, 4, 1, 0.3, 0.3)),
    "G": (0.85, (1.5, 0.8, 5, 0.5, 0.4)),
    "H": (0.55, (1, 4, 1, 0.3, 0.3)),
    "I": (0.30, (0.5, 3, 0.5, 0.5, 0.2)),
    "J": (0.20, (0.3, 3, 0.5, 0.8, 0.2)),
    "K": (0.92, (0.2, 0.1, 8, 0.3, 0.3)),
    "L": (0.65, (0.1, 0.2, 7, 0.5, 0.3)),
    "M": (0.30, (0.5, 4, 0.3, 0.5, 0.2)),
    "N": (0.25, (0.3, 3, 0.5, 0.5, 0.2)),
    "P": (0.35, (0.2, 1, 2, 2, 0.2)),
    "Q": (0.45, (0.3, 1.5, 2, 3, 0.2)),
    "R": (0.20, (0.3, 1.5, 1, 1, 0.2)),
    "S": (0.50, (0.5, 1.5, 1.5, 1, 0.4)),
}
# Average members per cooperative by type, and a multiplier by section.
MEMBERS_PER_COOP = {"PROD": 150, "WORK": 12, "CONS": 600, "MULTI": 90, "_U": 120}
MEMBERS_SECTION = {"K": 4.0, "D": 5.0, "G": 2.0, "L": 0.15, "A": 1.2}
# Employees who are not members, per cooperative, by type.
EMPLOYEES_PER_COOP = {"PROD": 6, "WORK": 2, "CONS": 9, "MULTI": 7, "_U": 4}
# Turnover per cooperative in US dollars, by section.
TURNOVER_PER_COOP = {"A": 1.5e6, "C": 4e6, "D": 6e6, "G": 3e6, "K": 5e6, "L": 0.4e6}

WORK_LEAVES = ["IN_EMP_NM", "IN_EMP_WM", "IN_EMP_OM", "IN_VOL", "IN_UTR", "WS_PM", "WS_EMP",
               "WS_CFW"]
WORK_PARENTS = {"IN_EMP": ["IN_EMP_NM", "IN_EMP_WM", "IN_EMP_OM"],
                "IN_WORK": ["IN_EMP", "IN_VOL", "IN_UTR"],
                "WS": ["WS_PM", "WS_EMP", "WS_CFW"],
                "_T": ["IN_WORK", "WS"]}
WORK_ORDER = ["_T", "IN_WORK", "IN_EMP", "IN_EMP_NM", "IN_EMP_WM", "IN_EMP_OM", "IN_VOL",
              "IN_UTR", "WS", "WS_PM", "WS_EMP", "WS_CFW"]


def money(cents):
    """Integer cents as a plain decimal string (money keeps two decimals)."""
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return "%s%d.%02d" % (sign, cents // 100, cents % 100)


class Area:
    """The fixed traits of one area, drawn once from a generator seeded by the area code."""

    def __init__(self, code, currency, seed):
        self.code = code
        self.currency = currency
        rng = random.Random("%s:%s" % (seed, code))
        self.rng_seed = rng.random()
        if code in ANCHOR_COOPS:
            self.tier = 2
            self.coops0 = ANCHOR_COOPS[code]
        else:
            draw = rng.random()
            self.tier = 2 if draw < 0.35 else 1 if draw < 0.85 else 0
            self.coops0 = max(40, int(math.exp(rng.gauss(math.log(1500), 1.2))))
        self.growth = rng.gauss(0.01, 0.02)
        self.income = math.exp(rng.gauss(0, 0.9))  # turnover scale vs. the reference
        self.female = rng.uniform(0.25, 0.55)  # women's share of natural-person members
        self.female_work = min(0.7, max(0.15, self.female + rng.gauss(0, 0.08)))
        self.reg_excess = rng.uniform(0.03, 0.45)  # registered but inactive
        self.rate = RATES.get(currency) or math.exp(rng.uniform(0, math.log(5000)))
        self.farm_family = rng.uniform(0.1, 1.2)  # family workers per producer-member
        n_sections = {2: (9, 16), 1: (6, 12), 0: (3, 7)}[self.tier]
        wanted = rng.randint(*n_sections)
        ranked = sorted(SECTIONS, key=lambda s: rng.random() / SECTIONS[s][0])
        self.sections = sorted(ranked[:wanted])
        self.types = [t for t in TYPES if t in ("PROD", "WORK", "CONS") or rng.random() < 0.6]
        # Share of each (type, section) cell in the number of cooperatives.
        weights = {}
        for s in self.sections:
            for i, t in enumerate(TYPES):
                if t in self.types:
                    w = SECTIONS[s][1][i] * rng.lognormvariate(0, 0.6)
                    if w > 0.15:
                        weights[(t, s)] = w
        total = sum(weights.values())
        self.shares = {k: w / total for k, w in weights.items()}
        self.cells = sorted(self.shares)


def year_cells(area, year, rng):
    """Number of active cooperatives in each (type, section) cell for one year."""
    # Before YEARS (--first-year), the trend is followed back HISTORY_TREND_YEARS at most, then the
    # level only wanders: a century of compounded growth would shrink or swell an area by 100x,
    # emptying or multiplying its cells, and each year of history should weigh about the same.
    t = max(year - YEARS[0], -HISTORY_TREND_YEARS)
    level = area.coops0 * math.exp(area.growth * t + rng.gauss(0, 0.015))
    return {k: max(0, int(round(level * share * rng.uniform(0.97, 1.03))))
            for k, share in area.shares.items()}


def generate_area(area, first_year=YEARS[0]):
    """Yields the rows of one area, all years: the history (first_year up to YEARS), then YEARS."""
    if first_year < YEARS[0]:
        # A generator of its own for the history, so that the rows of YEARS are the same bytes
        # whatever the first year (a query of 2005-2024 has the same answer at every size).
        history = random.Random("%r:history" % area.rng_seed)
        yield from area_years(area, range(first_year, YEARS[0]), history)
    yield from area_years(area, YEARS, random.Random(area.rng_seed))


def area_years(area, years, rng):
    """Yields the rows of one area for the given years, drawn from rng in year order."""
    cur = area.currency
    detailed = area.tier == 2
    medium = area.tier >= 1
    for year in years:
        period = "%04d" % year
        seen = set()

        def row(measure, coop_type, level, activity, sex, kind, work, value, unit):
            key = (measure, coop_type, level, activity, sex, kind, work)
            if key in seen:
                raise AssertionError("duplicate key %s %s %s" % (area.code, period, key))
            seen.add(key)
            return (area.code, measure, coop_type, level, activity, sex, kind, work, period,
                    value, unit)

        cells = year_cells(area, year, rng)
        by_type = {t: 0 for t in area.types}
        by_section = {s: 0 for s in area.sections}
        for (t, s), n in cells.items():
            by_type[t] += n
            by_section[s] += n
        total = sum(cells.values())

        # COOPS and COOPS_REG: totals, margins, cross-classification for the detailed.
        reg_cells = {k: n + int(round(n * area.reg_excess * rng.uniform(0.6, 1.4)))
                     for k, n in cells.items()}
        for measure, cc in (("COOPS", cells), ("COOPS_REG", reg_cells)):
            bt = {t: 0 for t in area.types}
            bs = {s: 0 for s in area.sections}
            for (t, s), n in cc.items():
                bt[t] += n
                bs[s] += n
            yield row(measure, "_T", "_T", "_T", "_Z", "_Z", "_Z", sum(cc.values()), "NUMBER")
            if measure == "COOPS" or medium:
                for t in area.types:
                    yield row(measure, t, "_T", "_T", "_Z", "_Z", "_Z", bt[t], "NUMBER")
                for s in area.sections:
                    yield row(measure, "_T", "_T", s, "_Z", "_Z", "_Z", bs[s], "NUMBER")
            if detailed:
                for (t, s) in area.cells:
                    if cc[(t, s)] > 0:
                        yield row(measure, t, "_T", s, "_Z", "_Z", "_Z", cc[(t, s)], "NUMBER")
        if medium:
            sec = int(round(total * rng.uniform(0.01, 0.03)))
            tert = min(total - sec, max(1, int(round(total * rng.uniform(0.0005, 0.002)))))
            for level, n in (("PRIM", total - sec - tert), ("SEC", sec), ("TERT", tert)):
                yield row("COOPS", "_T", level, "_T", "_Z", "_Z", "_Z", n, "NUMBER")

        # Flows: new and closed cooperatives, by type.
        flows = {}
        for t in area.types:
            flows[t] = (int(round(by_type[t] * rng.uniform(0.02, 0.07))),
                        int(round(by_type[t] * rng.uniform(0.01, 0.05))))
        for i, measure in enumerate(("COOPS_NEW", "COOPS_CLOSED")):
            yield row(measure, "_T", "_T", "_T", "_Z", "_Z", "_Z",
                      sum(f[i] for f in flows.values()), "NUMBER")
            if medium:
                for t in area.types:
                    yield row(measure, t, "_T", "_T", "_Z", "_Z", "_Z", flows[t][i], "NUMBER")

        # MEMBERS by type x member kind x sex (SEX only for natural persons).
        members = {}
        for t in area.types:
            n = sum(cells[(tt, s)] * MEMBERS_PER_COOP[t] * MEMBERS_SECTION.get(s, 1.0)
                    for (tt, s) in area.cells if tt == t)
            n = int(round(n * rng.uniform(0.9, 1.1)))
            co = int(round(n * rng.uniform(0.002, 0.02)))
            le = int(round(n * (rng.uniform(0.01, 0.08) if t != "WORK" else 0.002)))
            np_ = n - co - le
            f = int(round(np_ * min(0.9, max(0.05, area.female + rng.gauss(0, 0.05)))))
            u = int(round(np_ * rng.uniform(0, 0.01)))
            members[t] = {"NP": np_, "LE": le, "CO": co, "F": f, "M": np_ - f - u, "U": u}
        member_types = ["_T"] + (area.types if medium else [])
        for t in member_types:
            parts = members.values() if t == "_T" else [members[t]]
            agg = {k: sum(p[k] for p in parts) for k in ("NP", "LE", "CO", "F", "M", "U")}
            yield row("MEMBERS", t, "_T", "_T", "_Z", "_T", "_Z",
                      agg["NP"] + agg["LE"] + agg["CO"], "NUMBER")
            yield row("MEMBERS", t, "_T", "_T", "_T", "NP", "_Z", agg["NP"], "NUMBER")
            if medium:
                yield row("MEMBERS", t, "_T", "_T", "F", "NP", "_Z", agg["F"], "NUMBER")
                yield row("MEMBERS", t, "_T", "_T", "M", "NP", "_Z", agg["M"], "NUMBER")
                if agg["U"] > 0:
                    yield row("MEMBERS", t, "_T", "_T", "_U", "NP", "_Z", agg["U"], "NUMBER")
                yield row("MEMBERS", t, "_T", "_T", "_Z", "LE", "_Z", agg["LE"], "NUMBER")
                yield row("MEMBERS", t, "_T", "_T", "_Z", "CO", "_Z", agg["CO"], "NUMBER")
        if detailed:
            # Secondary and tertiary cooperatives: their members are cooperatives (R06).
            co_total = sum(m["CO"] for m in members.values())
            sec_members = int(round(co_total * rng.uniform(0.6, 0.9)))
            yield row("MEMBERS", "_T", "SEC", "_T", "_Z", "CO", "_Z", sec_members, "NUMBER")
            yield row("MEMBERS", "_T", "TERT", "_T", "_Z", "CO", "_Z",
                      max(1, int(round(sec_members * rng.uniform(0.01, 0.05)))), "NUMBER")

        # WORKERS by type x category of work x sex; leaves drawn, parents summed.
        workers = {}  # type -> category -> (female, male)
        for t in area.types:
            coops_t = by_type[t]
            np_t = members[t]["NP"]
            leaf = {
                "IN_EMP_NM": coops_t * EMPLOYEES_PER_COOP[t] * rng.uniform(0.7, 1.3),
                "IN_EMP_WM": np_t * (rng.uniform(0.55, 0.9) if t == "WORK" else 0.0005),
                "IN_EMP_OM": coops_t * rng.uniform(0.05, 0.3),
                "IN_VOL": coops_t * rng.uniform(0.1, 1.5),
                "IN_UTR": coops_t * rng.uniform(0.0, 0.08),
                "WS_PM": np_t * rng.uniform(0.5, 0.85) if t in ("PROD", "_U") else 0,
                "WS_EMP": 0, "WS_CFW": 0,
            }
            leaf["WS_EMP"] = leaf["WS_PM"] * rng.uniform(0.05, 0.4)
            leaf["WS_CFW"] = leaf["WS_PM"] * area.farm_family * rng.uniform(0.8, 1.2)
            w = {}
            for c in WORK_LEAVES:
                n = int(round(leaf[c]))
                f = int(round(n * min(0.9, max(0.05, area.female_work + rng.gauss(0, 0.06)))))
                if c == "IN_EMP_WM" and n > 0:
                    # Worker-members are members: split them as the type's natural-person members
                    # are, so that neither sex has more worker-members than members (R07).
                    mem = members[t]
                    f = min(mem["F"], n * mem["F"] // max(1, np_t))
                    n = f + min(mem["M"], n - f)
                w[c] = (f, n - f)
            for parent in ("IN_EMP", "IN_WORK", "WS", "_T"):
                kids = WORK_PARENTS[parent]
                w[parent] = (sum(w[k][0] for k in kids), sum(w[k][1] for k in kids))
            workers[t] = w
        total_w = {c: (sum(workers[t][c][0] for t in area.types),
                       sum(workers[t][c][1] for t in area.types)) for c in WORK_ORDER}
        cats = WORK_ORDER if medium else ["_T", "IN_WORK", "IN_EMP", "WS"]
        for t in ["_T"] + (area.types if detailed else []):
            w = total_w if t == "_T" else workers[t]
            for c in cats:
                f, m = w[c]
                if t != "_T" and f + m == 0 and c not in ("_T", "IN_WORK", "IN_EMP"):
                    continue  # e.g. no work within the scope of worker cooperatives
                yield row("WORKERS", t, "_T", "_T", "_T", "_Z", c, f + m, "PERSONS")
                if medium:
                    yield row("WORKERS", t, "_T", "_T", "F", "_Z", c, f, "PERSONS")
                    yield row("WORKERS", t, "_T", "_T", "M", "_Z", c, m, "PERSONS")

        # FTE (one decimal, children add up): employment in cooperatives.
        if medium:
            fte = {}
            for c, ratio in (("IN_EMP_NM", 0.88), ("IN_EMP_WM", 0.93), ("IN_EMP_OM", 0.55)):
                f, m = total_w[c]
                fte[c] = (int(round(f * ratio * 9.3)), int(round(m * ratio * 10.2)))  # tenths
            fte["IN_EMP"] = tuple(sum(fte[c][i] for c in WORK_PARENTS["IN_EMP"]) for i in (0, 1))
            for c in ("IN_EMP", "IN_EMP_NM", "IN_EMP_WM", "IN_EMP_OM"):
                f, m = fte[c]
                yield row("FTE", "_T", "_T", "_T", "_T", "_Z", c, "%.1f" % ((f + m) / 10), "FTE")
                if detailed:
                    yield row("FTE", "_T", "_T", "_T", "F", "_Z", c, "%.1f" % (f / 10), "FTE")
                    yield row("FTE", "_T", "_T", "_T", "M", "_Z", c, "%.1f" % (m / 10), "FTE")

        # Money, in integer cents of the area's currency. Flows by cell, then summed.
        scale = area.income * area.rate * 100
        turnover, va, wages, surplus, assets = {}, {}, {}, {}, {}
        for k in area.cells:
            n = cells[k]
            s = k[1]
            tv = int(n * TURNOVER_PER_COOP.get(s, 1e6) * scale * rng.uniform(0.8, 1.2))
            turnover[k] = tv
            va[k] = int(tv * rng.uniform(0.15, 0.45))
            wages[k] = int(va[k] * rng.uniform(0.35, 0.7))
            surplus[k] = int(va[k] * rng.uniform(-0.08, 0.2))
            assets[k] = int(tv * (rng.uniform(6, 12) if s == "K" else rng.uniform(0.6, 2.5)))
        flows_money = [("TURNOVER", turnover), ("VALUE_ADDED", va), ("WAGES", wages),
                       ("SURPLUS", surplus), ("ASSETS", assets)]
        if area.tier == 0:
            flows_money = [f for f in flows_money if f[0] in ("TURNOVER", "VALUE_ADDED", "ASSETS")]
        type_assets = {t: 0 for t in area.types}
        for k, v in assets.items():
            type_assets[k[0]] += v
        for measure, values in flows_money:
            bt = {t: 0 for t in area.types}
            bs = {s: 0 for s in area.sections}
            for (t, s), v in values.items():
                bt[t] += v
                bs[s] += v
            yield row(measure, "_T", "_T", "_T", "_Z", "_Z", "_Z", money(sum(bt.values())), cur)
            if medium:
                for t in area.types:
                    yield row(measure, t, "_T", "_T", "_Z", "_Z", "_Z", money(bt[t]), cur)
            if detailed:
                for s in area.sections:
                    yield row(measure, "_T", "_T", s, "_Z", "_Z", "_Z", money(bs[s]), cur)
                for k in area.cells:
                    if cells[k] > 0:
                        yield row(measure, k[0], "_T", k[1], "_Z", "_Z", "_Z",
                                  money(values[k]), cur)
        # Balance sheet by type: ASSETS = LIABILITIES + EQUITY exactly; member capital within
        # equity.
        equity = {t: int(a * rng.uniform(0.15, 0.5)) for t, a in type_assets.items()}
        capital = {t: int(e * rng.uniform(0.1, 0.45)) for t, e in equity.items()}
        liabilities = {t: type_assets[t] - equity[t] for t in area.types}
        balance = [("LIABILITIES", liabilities), ("EQUITY", equity)]
        if medium:
            balance.append(("MEMBER_CAPITAL", capital))
        for measure, values in balance:
            yield row(measure, "_T", "_T", "_T", "_Z", "_Z", "_Z", money(sum(values.values())), cur)
            if medium:
                for t in area.types:
                    yield row(measure, t, "_T", "_T", "_Z", "_Z", "_Z", money(values[t]), cur)


# --- checking against the migrations -------------------------------------------------------

def read_code_lists(path):
    codes = {}
    with open(path, encoding="utf-8") as sql:
        for m in re.finditer(r"\('(CL_[A-Z_]+)', '([^']+)'", sql.read()):
            codes.setdefault(m.group(1), set()).add(m.group(2))
    return codes


# Which of SEX, MEMBER_KIND, WORK_CAT apply to which measure (V3 table measure_dimension).
def applies(measure, dim, kind):
    if dim == "MEMBER_KIND":
        return measure == "MEMBERS"
    if dim == "WORK_CAT":
        return measure in ("WORKERS", "FTE")
    if dim == "SEX":
        return measure in ("WORKERS", "FTE") or (measure == "MEMBERS" and kind == "NP")
    raise ValueError(dim)


COUNTS = {"COOPS", "COOPS_REG", "COOPS_NEW", "COOPS_CLOSED", "MEMBERS", "WORKERS"}
UNITS = {"COOPS": "NUMBER", "COOPS_REG": "NUMBER", "COOPS_NEW": "NUMBER",
         "COOPS_CLOSED": "NUMBER", "MEMBERS": "NUMBER", "WORKERS": "PERSONS", "FTE": "FTE"}


def check_row(r, codes):
    """The service's R01-R03 for one generated row (R04 is asserted while generating)."""
    area, measure, ctype, level, act, sex, kind, work, period, value, unit = r
    lists = (("CL_AREA", area), ("CL_MEASURE", measure), ("CL_COOP_TYPE", ctype),
             ("CL_COOP_LEVEL", level), ("CL_ACTIVITY", act), ("CL_SEX", sex),
             ("CL_MEMBER_KIND", kind), ("CL_WORK_CAT", work))
    for cl, code in lists:
        if codes and code not in codes[cl]:
            raise AssertionError("%s: %s is not in %s" % (r, code, cl))
    for dim, code in (("SEX", sex), ("MEMBER_KIND", kind), ("WORK_CAT", work)):
        if applies(measure, dim, kind) == (code == "_Z"):
            raise AssertionError("%s: %s=%s breaks R03" % (r, dim, code))
    text = str(value)
    if measure in COUNTS:
        if not isinstance(value, int) or value < 0:
            raise AssertionError("%s: a count must be a whole number >= 0" % (r,))
    elif text.startswith("-") and measure != "SURPLUS":
        raise AssertionError("%s: negative" % (r,))
    if measure in UNITS:
        if unit != UNITS[measure]:
            raise AssertionError("%s: unit" % (r,))
    elif codes and unit not in codes["CL_CURRENCY"]:
        raise AssertionError("%s: %s is not a currency" % (r, unit))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_sql = os.path.join(here, "..", "src", "main", "resources", "db", "migration",
                               "V2__code_lists.sql")
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--out", default="bench-data", help="output directory (created)")
    p.add_argument("--seed", type=int, default=20240601)
    p.add_argument("--chunk-rows", type=int, default=50000,
                   help="start a new file once a file holds at least this many rows")
    p.add_argument("--areas", type=int, default=200, help="how many areas (at most 200)")
    p.add_argument("--first-year", type=int, default=YEARS[0],
                   help="first year (default %d): earlier years add history before %d-%d, the "
                   "rows of those years unchanged (1905: ~6x the rows)" % (YEARS[0], YEARS[0],
                                                                          YEARS[-1]))
    p.add_argument("--code-lists", default=default_sql,
                   help="V2__code_lists.sql to check codes against ('' to skip)")
    args = p.parse_args()
    if not 1 <= args.first_year <= YEARS[0]:
        p.error("--first-year must be between 1 and %d" % YEARS[0])

    codes = {}
    if args.code_lists:
        if os.path.exists(args.code_lists):
            codes = read_code_lists(args.code_lists)
            missing = [a for a in AREA_CURRENCY if a not in codes["CL_AREA"]]
            missing += [c for c in AREA_CURRENCY.values() if c not in codes["CL_CURRENCY"]]
            if missing:
                sys.exit("codes not in V2__code_lists.sql: %s" % sorted(set(missing)))
        else:
            print("note: %s not found, codes not checked" % args.code_lists, file=sys.stderr)

    os.makedirs(args.out, exist_ok=True)
    for name in os.listdir(args.out):
        if re.fullmatch(r"chunk-\d+\.csv", name):
            os.remove(os.path.join(args.out, name))
    area_codes = sorted(AREA_CURRENCY)[:args.areas]
    manifest = {"seed": args.seed, "years": [args.first_year, YEARS[-1]], "files": [], "tiers": {}}
    total = 0
    chunk_rows, chunk_areas, buffered = 0, [], []

    def flush():
        nonlocal chunk_rows, chunk_areas, buffered
        if not buffered:
            return
        name = "chunk-%03d.csv" % (len(manifest["files"]) + 1)
        with open(os.path.join(args.out, name), "w", encoding="utf-8", newline="") as f:
            f.write(",".join(HEADER) + "\n")
            f.writelines(buffered)
        manifest["files"].append({"file": name, "rows": chunk_rows, "areas": chunk_areas})
        chunk_rows, chunk_areas, buffered = 0, [], []

    for code in area_codes:
        area = Area(code, AREA_CURRENCY[code], args.seed)
        manifest["tiers"][code] = area.tier
        lines = []
        for r in generate_area(area, args.first_year):
            check_row(r, codes)
            lines.append(",".join(map(str, r)) + "\n")
        n = len(lines)
        if chunk_rows and chunk_rows + n > args.chunk_rows * 1.2:
            flush()
        buffered.extend(lines)
        chunk_rows += n
        chunk_areas.append(code)
        total += n
        if chunk_rows >= args.chunk_rows:
            flush()
    flush()
    manifest["rows"] = total
    with open(os.path.join(args.out, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=1)
    tiers = [manifest["tiers"][a] for a in area_codes]
    print("%d rows, %d areas (tiers 2/1/0: %d/%d/%d), %d years, %d files in %s" % (
        total, len(area_codes), tiers.count(2), tiers.count(1), tiers.count(0), YEARS[-1] - args.first_year + 1,
        len(manifest["files"]), args.out))


if __name__ == "__main__":
    main()
