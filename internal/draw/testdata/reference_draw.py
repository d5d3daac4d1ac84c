#!/usr/bin/env python3
"""An independent reimplementation of the shejian-draw/v2 specification (the package doc of
internal/draw), written from the doc alone, to show that a third party can check a draw.
Usage: reference_draw.py BUNDLE.json; prints "ok" or the first difference and exits 1."""
import hashlib, json, struct, sys

CLASSES = ["A", "B", "C", "D"]

def s(x):
    b = x if isinstance(x, bytes) else x.encode()
    return struct.pack(">I", len(b)) + b

def u64(n):
    return struct.pack(">Q", n & (2**64 - 1))

def bp(pct):
    return round(pct * 100)

def digest(inp):
    c = inp["config"]
    out = [s("shejian-draw/v2"), s(c["task_id"]), s(c["task_name"])]
    out += [u64(bp(c["ratio_percent"][k])) for k in CLASSES]
    out += [u64(c["inspectors_per_entity"]), u64(int(c["any_region"])), u64(int(c["exclude_own_station"]))]
    out.append(u64(len(inp["items"])))
    for it in inp["items"]:
        out += [s(it["id"]), s(it["name"]), s(it["basis"]), u64(bp(it["ratio_percent"])), s(it["frequency"])]
    out.append(u64(len(inp["entities"])))
    for e in inp["entities"]:
        out += [s(e["id"]), s(e["org_unit"]), s(e["region"]), s(e["credit_class"]), u64(len(e["previous"]))]
        out += [s(p) for p in e["previous"]]
        out.append(u64(len(e["recused"])))
        out += [s(p) for p in e["recused"]]
    out.append(u64(len(inp["inspectors"])))
    for p in inp["inspectors"]:
        out += [s(p["id"]), s(p["org_unit"]), s(p["region"]), u64(len(p["conflicts"]))]
        out += [s(b) for b in p["conflicts"]]
    return hashlib.sha256(b"".join(out)).hexdigest()

class Stream:
    def __init__(self, seed, beacon, task, name):
        self.prefix, self.counter, self.words = s(seed) + s(beacon) + s(task) + s(name), 0, []
    def word(self):
        if not self.words:
            block = hashlib.sha256(self.prefix + u64(self.counter)).digest()
            self.counter += 1
            self.words = [struct.unpack(">Q", block[i:i + 8])[0] for i in range(0, 32, 8)]
        return self.words.pop(0)
    def below(self, n):
        while True:
            x = self.word()
            if x >= 2**64 % n:
                return x % n

def draw(inp, seed, beacon):
    c, task = inp["config"], inp["config"]["task_id"]
    selected, strata = [], []
    for k in CLASSES:
        stratum = [e for e in inp["entities"] if e["credit_class"] == k]
        n = len(stratum)
        size = (n * bp(c["ratio_percent"][k]) + 5000) // 10000
        rng = Stream(seed, beacon, task, "sample/" + k)
        for i in range(size):
            j = i + rng.below(n - i)
            stratum[i], stratum[j] = stratum[j], stratum[i]
        selected += stratum[:size]
        strata.append({"class": k, "population": n, "selected": size})
    load = {p["id"]: 0 for p in inp["inspectors"]}
    rng, assignments = Stream(seed, beacon, task, "assign"), []
    for e in selected:
        ok = [p for p in inp["inspectors"]
              if (c["any_region"] or p["region"] == e["region"])
              and not (c["exclude_own_station"] and p["org_unit"] == e["org_unit"])
              and e["id"] not in p["conflicts"] and p["id"] not in e["previous"] and p["id"] not in e["recused"]]
        if len(ok) < c["inspectors_per_entity"]:
            raise SystemExit("draw fails at entity " + e["id"])
        seated = []
        for _ in range(c["inspectors_per_entity"]):
            free = [p["id"] for p in ok if p["id"] not in seated]
            least = min(load[p] for p in free)
            fewest = [p for p in free if load[p] == least]
            chosen = fewest[rng.below(len(fewest))]
            seated.append(chosen)
            load[chosen] += 1
        assignments.append({"entity": e["id"], "inspectors": seated})
    return {"strata": strata, "assignments": assignments}

def check_openings(openings, assignments):
    if not openings:
        return
    if len(openings) != len(assignments):
        raise SystemExit("openings do not name every drawn entity")
    seen = set()
    for o, a in zip(openings, assignments):
        salt = bytes.fromhex(o["salt"])
        committed = hashlib.sha256(s("shejian-draw/v2 entity") + s(salt) + s(o["uscc"])).hexdigest()
        if o["entity"] != a["entity"] or committed != a["entity"] or len(salt) != 32 or o["uscc"] in seen:
            raise SystemExit("opening differs at entity " + a["entity"])
        seen.add(o["uscc"])

def main(path):
    b = json.load(open(path, encoding="utf-8"))
    inp = b["inputs"]
    for e in inp["entities"]:
        e["previous"] = sorted(set(e.get("previous_inspectors") or []))
        e["recused"] = sorted(set(e.get("recused") or []))
    for p in inp["inspectors"]:
        p["conflicts"] = sorted(set(p.get("conflicts") or []))
    for key in ("items", "entities", "inspectors"):
        inp[key] = sorted(inp[key] or [], key=lambda r: r["id"].encode())
    seed = bytes.fromhex(b["seed"])
    if hashlib.sha256(seed).hexdigest() != b["commitment"]["seed_sha256"]:
        raise SystemExit("seed does not match its commitment")
    if digest(inp) != b["commitment"]["input_digest"]:
        raise SystemExit("input digest differs")
    again = draw(inp, seed, b.get("beacon", "").encode())
    if again != b["result"]:
        raise SystemExit("result differs")
    check_openings(b.get("openings"), again["assignments"])
    print("ok")

if __name__ == "__main__":
    main(sys.argv[1])
