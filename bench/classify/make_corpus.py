#!/usr/bin/env python3
"""Deterministic benchmark corpus for `tightrope classify`: a CSV of fake customer records (PII in
typed columns and in free-text notes) with secrets planted in the notes of about 1 % of the rows,
and decoys (values that look like secrets but are not) in about 0.5 %.

usage: make_corpus.py OUT.csv [MB=50] [SEED=7]

Writes OUT.csv and OUT.csv.truth.json:
  counts   -- how many of each PII entity and secret type were planted;
  secrets  -- [line, type] of every planted secret (line 1 is the header; no field holds a newline,
              so a CSV line is a file line, which is what line-based scanners report);
  decoys   -- [line, kind] of every decoy (any secret reported there is a false positive).
Python 3 standard library only; the same arguments always give the same bytes.
"""
import base64
import csv
import json
import random
import string
import sys
import zlib

OUT = sys.argv[1] if len(sys.argv) > 1 else sys.exit(__doc__)
SIZE = int(float(sys.argv[2] if len(sys.argv) > 2 else 50) * 1_000_000)
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 7)

GIVEN = ("Aiko Alejandro Amina Anders Anika Bartholomew Beatriz Chidi Dmitri Elena Emeka Farah Freya "
         "Gustavo Hana Ibrahim Ines Jamal Jonas Keiko Leila Luca Mateo Mei Nadia Niamh Olu Pablo Quentin "
         "Rania Rohan Sanjay Sigrid Tomasz Ulla Valentina Wanjiru Xavier Yusuf Zelda").split()
FAMILY = ("Abara Bergstrom Castellanos Dubois Eriksen Fujimoto Gallagher Haddad Ivanova Jovanovic Kowalczyk "
          "Lindqvist Mbeki Nakashima Oyelaran Petrakis Quintero Rasmussen Sandoval Takahashi Uchenna "
          "Vasquez Whitfield Yamamoto Zielinski").split()
STREETS = "Alder Birch Chestnut Dogwood Foxglove Hawthorn Juniper Laurel Magnolia Poplar Rowan Sycamore".split()
SUFFIX = "St Ave Rd Ln Blvd Way".split()
CITIES = "Ashford Brookhaven Cedar Falls Dunmore Eastwick Glenwood Harborview Kingsport Millbrook Northfield".split()
DOMAINS = ["example.com", "example.net", "example.org", "mail.example.com"]
FILLER = ("order shipped late again please escalate to billing the customer asked about renewal pricing "
          "updated the address on file ticket merged into the parent case refund approved by finance "
          "model feedback thumbs down on the summary prompt retraining candidate").split()

ALNUM = string.ascii_letters + string.digits
B64 = ALNUM + "+/"
B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase


def pick(seq):
    return seq[rng.randrange(len(seq))]


def chars(alphabet, n):
    return "".join(pick(alphabet) for _ in range(n))


def luhn_complete(body):
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return body + str(-total % 10)


def card():
    prefix, length = pick([("4", 16), ("5", 16), ("34", 15), ("37", 15), ("6011", 16)])
    if prefix == "5":
        prefix += str(rng.randrange(1, 6))
    return luhn_complete(prefix + "".join(str(rng.randrange(10)) for _ in range(length - len(prefix) - 1)))


def ssn():
    area = rng.randrange(1, 900)
    while area == 666:
        area = rng.randrange(1, 900)
    return f"{area:03d}-{rng.randrange(1, 100):02d}-{rng.randrange(1, 10000):04d}"


def phone():
    a, b, c = rng.randrange(201, 990), rng.randrange(201, 1000), rng.randrange(10000)
    return pick([f"({a}) {b}-{c:04d}", f"{a}-{b}-{c:04d}", f"+1 {a} {b} {c:04d}", f"{a}.{b}.{c:04d}"])


def iban_gb():
    bank = chars(string.ascii_uppercase, 4)
    digits = "".join(str(rng.randrange(10)) for _ in range(14))
    numeric = "".join(str(int(ch, 36)) for ch in bank + digits + "GB00")
    return f"GB{98 - int(numeric) % 97:02d}{bank}{digits}"


def github_pat():
    body = chars(ALNUM, 30)
    n, check = zlib.crc32(body.encode()), ""
    for _ in range(6):
        n, r = divmod(n, 62)
        check = B62[r] + check
    return "ghp_" + body + check


def jwt():
    enc = lambda obj: base64.urlsafe_b64encode(json.dumps(obj, separators=(",", ":")).encode()).rstrip(b"=").decode()
    claims = {"sub": f"user-{rng.randrange(10**6)}", "iat": 1_700_000_000 + rng.randrange(10**7)}
    return f"{enc({'alg': 'HS256', 'typ': 'JWT'})}.{enc(claims)}.{chars(ALNUM + '-_', 43)}"


# Secret types: name -> text planted in the notes. Each is a realistic, structurally valid fake.
SECRETS = {
    "aws_access_key": lambda: f"aws_access_key_id={'AKIA' + chars(string.ascii_uppercase + '234567', 16)} "
                              f"aws_secret_access_key={chars(B64, 40)}",
    "github_token": lambda: f"GITHUB_TOKEN={github_pat()}",
    "slack_token": lambda: f"bot token xoxb-{rng.randrange(10**10, 10**12)}-{rng.randrange(10**10, 10**12)}-{chars(ALNUM, 24)}",
    "stripe_key": lambda: f"stripe key sk_live_{chars(ALNUM, 24)}",
    "private_key": lambda: f"-----BEGIN RSA PRIVATE KEY----- MIIE{chars(B64, 60)}",
    "password_in_url": lambda: f"DATABASE_URL=postgres://app_rw:{chars(ALNUM, 16)}@db-{rng.randrange(100)}.internal.example.com:5432/crm",
    "openai_key": lambda: f"OPENAI_API_KEY=sk-proj-{chars(ALNUM, 20)}T3BlbkFJ{chars(ALNUM, 20)}",
    "huggingface_token": lambda: f"HF_TOKEN=hf_{chars(string.ascii_letters, 34)}",
    "google_api_key": lambda: f"maps key AIza{chars(ALNUM + '-_', 35)}",
    "jwt": lambda: f"Authorization: Bearer {jwt()}",
}
# Decoys: a scanner that reports a secret here is wrong (documentation examples, placeholders,
# hashes and identifiers).
DECOYS = {
    "aws_doc_example": lambda: "docs use AKIAIOSFODNN7EXAMPLE as the key id",
    "url_placeholder": lambda: "DATABASE_URL=postgres://app_rw:${DB_PASSWORD}@db.internal.example.com:5432/crm",
    "git_sha": lambda: f"fixed in commit {chars('0123456789abcdef', 40)}",
    "uuid": lambda: "request id " + "-".join(chars("0123456789abcdef", n) for n in (8, 4, 4, 4, 12)),
    "masked_card": lambda: "card ending ****-****-****-" + "".join(str(rng.randrange(10)) for _ in range(4)),
}

PII = ["PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "US_SSN", "CREDIT_CARD", "DATE_OF_BIRTH", "IP_ADDRESS",
       "STREET_ADDRESS", "IBAN_CODE", "notes_person", "notes_email", "notes_phone"]
counts = {k: 0 for k in ["rows", *PII, *SECRETS]}
secrets, decoys = [], []

with open(OUT, "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["customer_id", "full_name", "email", "phone", "ssn", "card_number", "date_of_birth",
                "last_ip", "street_address", "city", "iban", "notes"])
    line, written = 1, 0
    while written < SIZE:
        line += 1
        given, family = pick(GIVEN), pick(FAMILY)
        notes = [pick(FILLER) for _ in range(rng.randrange(5, 16))]
        if rng.random() < 0.3:
            notes.insert(rng.randrange(len(notes) + 1), f"spoke with Mr. {pick(GIVEN)} {pick(FAMILY)}")
            counts["notes_person"] += 1
        if rng.random() < 0.2:
            notes.append(f"cc {pick(GIVEN).lower()}.{pick(FAMILY).lower()}@{pick(DOMAINS)}")
            counts["notes_email"] += 1
        if rng.random() < 0.15:
            notes.append(f"call back on {phone()}")
            counts["notes_phone"] += 1
        r = rng.random()
        if r < 0.01:
            kind = pick(list(SECRETS))
            notes.insert(rng.randrange(len(notes) + 1), SECRETS[kind]())
            counts[kind] += 1
            secrets.append([line, kind])
        elif r < 0.015:
            kind = pick(list(DECOYS))
            notes.append(DECOYS[kind]())
            decoys.append([line, kind])
        iban = ""
        if rng.random() < 0.1:
            iban = iban_gb()
            counts["IBAN_CODE"] += 1
        row = [line - 1, f"{given} {family}",
               f"{given.lower()}.{family.lower()}{rng.randrange(1000)}@{pick(DOMAINS)}", phone(), ssn(), card(),
               f"{rng.randrange(1940, 2006)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",
               ".".join(str(rng.randrange(1, 255)) for _ in range(4)),
               f"{rng.randrange(1, 10000)} {pick(STREETS)} {pick(SUFFIX)}", pick(CITIES), iban, " ".join(notes)]
        w.writerow(row)
        written += sum(len(str(c)) for c in row) + len(row)
        for k in ["PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "US_SSN", "CREDIT_CARD", "DATE_OF_BIRTH",
                  "IP_ADDRESS", "STREET_ADDRESS"]:
            counts[k] += 1
    counts["rows"] = line - 1

with open(OUT + ".truth.json", "w") as f:
    json.dump({"generator": "bench/classify/make_corpus.py", "args": sys.argv[1:], "counts": counts,
               "secrets": secrets, "decoys": decoys}, f)
print(json.dumps(counts))
