#!/usr/bin/env python3
"""Writes the synthetic sample data of the example environment (examples/tightrope.toml).

Everything here is made up and deterministic (fixed seed): re-running it rewrites the same files.

- cloudtrail/history/*.json.gz three weeks of ordinary activity (CloudTrail `{"Records": [...]}` files)
- cloudtrail/recent/*.json.gz one day that contains an LLM-jacking pattern: the SageMaker execution
                              role lists Bedrock models, then invokes them in bulk from a new network
- data/customers.csv          fake customer records (names, e-mails, card numbers that are public
                              test numbers, US SSNs in the valid ranges but invented)
- models/classifier.safetensors  a benign safetensors file (one float32 tensor)
- models/tokenizer.pkl        a benign pickle of plain data (a dict of str -> int); it is written by
                              `pickle.dumps` on built-in types only, so it imports nothing when loaded

Nothing here executes or loads a model. Run from anywhere: python3 examples/generate.py
"""

import gzip
import json
import os
import pickle
import random
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
ACCOUNT = "123456789012"
ROLE = "acme-llm-dev-sagemaker-execution"
ROLE_SESSION = f"arn:aws:sts::{ACCOUNT}:assumed-role/{ROLE}/SageMaker"
ROLE_ARN = f"arn:aws:iam::{ACCOUNT}:role/{ROLE}"
ALICE = f"arn:aws:iam::{ACCOUNT}:user/alice"
BUCKET = "acme-llm-dev-training-data"
rng = random.Random(20261204)


def ts(day, sec):
    h, rem = divmod(sec, 3600)
    m, s = divmod(rem, 60)
    return f"2026-11-{day:02d}T{h:02d}:{m:02d}:{s:02d}Z"


def event(day, sec, source, name, identity, ip, agent, params=None, error=None, resources=None):
    e = {
        "eventVersion": "1.09",
        "eventTime": ts(day, sec),
        "eventSource": source,
        "eventName": name,
        "awsRegion": "us-east-1",
        "sourceIPAddress": ip,
        "userAgent": agent,
        "requestParameters": params,
        "responseElements": None,
        "eventID": f"{rng.getrandbits(128):032x}",
        "readOnly": name.startswith(("Get", "List", "Describe", "Invoke")),
        "eventType": "AwsApiCall",
        "recipientAccountId": ACCOUNT,
        "userIdentity": identity,
    }
    if error:
        e["errorCode"] = error
    if resources:
        e["resources"] = resources
    return e


def role_identity():
    return {
        "type": "AssumedRole",
        "arn": ROLE_SESSION,
        "accountId": ACCOUNT,
        "sessionContext": {"sessionIssuer": {"type": "Role", "arn": ROLE_ARN, "userName": ROLE}},
    }


def alice_identity():
    return {"type": "IAMUser", "arn": ALICE, "accountId": ACCOUNT, "userName": "alice"}


def ordinary_day(day):
    out = []
    # the training job and the notebook read training data during working hours, from the VPC
    for _ in range(rng.randint(40, 60)):
        sec = rng.randint(9 * 3600, 17 * 3600)
        key = f"datasets/customers/part-{rng.randint(0, 40):04d}.csv"
        out.append(event(day, sec, "s3.amazonaws.com", "GetObject", role_identity(), f"10.20.1.{rng.randint(10, 60)}",
                         "aws-sdk-java/1.12.600 sagemaker", {"bucketName": BUCKET, "key": key},
                         resources=[{"type": "AWS::S3::Object", "ARN": f"arn:aws:s3:::{BUCKET}/{key}"}]))
    for _ in range(rng.randint(3, 6)):
        sec = rng.randint(9 * 3600, 17 * 3600)
        out.append(event(day, sec, "sagemaker.amazonaws.com", "DescribeEndpoint", role_identity(), "10.20.1.12",
                         "aws-sdk-java/1.12.600 sagemaker", {"endpointName": "acme-llm-dev-llm"}))
    # a person at the console
    for _ in range(rng.randint(8, 15)):
        sec = rng.randint(8 * 3600, 18 * 3600)
        name = rng.choice(["DescribeInstances", "ListBuckets", "DescribeNotebookInstance", "GetCallerIdentity"])
        src = {"DescribeInstances": "ec2", "ListBuckets": "s3", "DescribeNotebookInstance": "sagemaker", "GetCallerIdentity": "sts"}[name]
        out.append(event(day, sec, f"{src}.amazonaws.com", name, alice_identity(), "198.51.100.7", "console.amazonaws.com"))
    out.sort(key=lambda e: e["eventTime"])
    return out


def attack_day(day):
    out = ordinary_day(day)
    start = 22 * 3600 + 13 * 60
    new_ip = "203.0.113.50"
    agent = "Boto3/1.34.0 md/Botocore#1.34.0 python-requests"
    # reconnaissance of Bedrock models with the notebook's credentials, from outside the VPC
    for i, name in enumerate(["GetCallerIdentity", "ListFoundationModels", "GetModelInvocationLoggingConfiguration", "ListFoundationModels"]):
        src = "sts" if name == "GetCallerIdentity" else "bedrock"
        out.append(event(day, start + i * 20, f"{src}.amazonaws.com", name, role_identity(), new_ip, agent))
    # then bulk invocations (LLM-jacking) and a burst of training-data reads
    for i in range(120):
        out.append(event(day, start + 120 + i * 7, "bedrock.amazonaws.com", "InvokeModel", role_identity(), new_ip, agent,
                         {"modelId": "anthropic.claude-3-haiku-20240307-v1:0"}))
    for i in range(80):
        key = f"datasets/customers/part-{i % 41:04d}.csv"
        out.append(event(day, start + 200 + i * 5, "s3.amazonaws.com", "GetObject", role_identity(), new_ip, agent,
                         {"bucketName": BUCKET, "key": key},
                         resources=[{"type": "AWS::S3::Object", "ARN": f"arn:aws:s3:::{BUCKET}/{key}"}]))
    out.sort(key=lambda e: e["eventTime"])
    return out


def write_cloudtrail():
    hist = os.path.join(HERE, "cloudtrail", "history")
    recent = os.path.join(HERE, "cloudtrail", "recent")
    os.makedirs(hist, exist_ok=True)
    os.makedirs(recent, exist_ok=True)
    for day in range(1, 22):
        path = os.path.join(hist, f"{ACCOUNT}_CloudTrail_us-east-1_202611{day:02d}T0000Z_sample.json.gz")
        data = json.dumps({"Records": ordinary_day(day)}, separators=(",", ":")).encode()
        with open(path, "wb") as f:
            f.write(gzip.compress(data, mtime=0))
    path = os.path.join(recent, f"{ACCOUNT}_CloudTrail_us-east-1_20261122T0000Z_sample.json.gz")
    data = json.dumps({"Records": attack_day(22)}, separators=(",", ":")).encode()
    with open(path, "wb") as f:
        f.write(gzip.compress(data, mtime=0))


FIRST = ["Olivia", "Liam", "Emma", "Noah", "Ava", "Elijah", "Sophia", "James", "Isabella", "Lucas", "Mia", "Mason"]
LAST = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Martinez", "Lopez"]
# Public test card numbers of the card networks (Luhn-valid, never issued to anyone).
CARDS = ["4111111111111111", "5555555555554444", "378282246310005", "4012888888881881", "6011111111111117"]


def write_dataset():
    os.makedirs(os.path.join(HERE, "data"), exist_ok=True)
    rows = ["customer_id,full_name,email,ssn,card_number,signup_date,plan"]
    for i in range(60):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        ssn = f"{rng.randint(100, 665):03d}-{rng.randint(10, 99):02d}-{rng.randint(1000, 9999):04d}"
        rows.append(f"C{10000 + i},{first} {last},{first.lower()}.{last.lower()}{i}@example.com,{ssn},"
                    f"{rng.choice(CARDS)},2026-0{rng.randint(1, 9)}-1{rng.randint(0, 9)},{rng.choice(['free', 'pro', 'team'])}")
    with open(os.path.join(HERE, "data", "customers.csv"), "w") as f:
        f.write("\n".join(rows) + "\n")


def write_models():
    d = os.path.join(HERE, "models")
    os.makedirs(d, exist_ok=True)
    # safetensors: 8-byte little-endian header length, JSON header, raw little-endian tensor bytes
    values = [rng.uniform(-1, 1) for _ in range(16)]
    payload = struct.pack("<16f", *values)
    header = json.dumps({"classifier.weight": {"dtype": "F32", "shape": [4, 4], "data_offsets": [0, len(payload)]},
                         "__metadata__": {"format": "pt"}}, separators=(",", ":")).encode()
    header += b" " * (-len(header) % 8)
    with open(os.path.join(d, "classifier.safetensors"), "wb") as f:
        f.write(struct.pack("<Q", len(header)) + header + payload)
    # a pickle of built-in data only: no GLOBAL/STACK_GLOBAL opcode, nothing is imported when loaded
    vocab = {tok: i for i, tok in enumerate(["<pad>", "<unk>", "the", "model", "data", "secure", "preflight"])}
    with open(os.path.join(d, "tokenizer.pkl"), "wb") as f:
        f.write(pickle.dumps({"vocab": vocab, "lowercase": True}, protocol=4))


if __name__ == "__main__":
    write_cloudtrail()
    write_dataset()
    write_models()
    print("sample data written under", HERE)
