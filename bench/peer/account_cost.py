#!/usr/bin/env python3
"""What one request costs on the emulator as the accounts it holds grow, with the emulator's key index and with moto's scan.

moto finds the account a request acts in by looking for the request's access key in every account's IAM backend, on
every request; emulator/moto_server.py answers from an index of the keys moto issued instead
(DRIFTWATCH_MOTO_ACCOUNT_SCAN=1 keeps moto's scan). For each way this starts its own emulator, assumes a role into
more and more accounts (as an organization sweep does), and times DescribeTrails one at a time, with the default
account's keys and with the last role session's. Prints one line per case: "way<TAB>accounts<TAB>default p50
ms<TAB>session p50 ms".

Usage: account_cost.py [ROUNDS]
"""
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request

import boto3

ACCOUNTS = (0, 10, 100, 500, 1000)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def p50(client, rounds):
    times = []
    for _ in range(rounds + 10):
        start = time.perf_counter()
        client.describe_trails()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times[10:])


def measure(way, scan, rounds):
    port = free_port()
    emulator = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "emulator", "moto_server.py")
    environment = dict(os.environ, DRIFTWATCH_MOTO_ACCOUNT_SCAN="1" if scan else "0")
    moto = subprocess.Popen([sys.executable, emulator, "-H", "127.0.0.1", "-p", str(port)],
                            env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        endpoint = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(endpoint + "/moto-api/").read()
                break
            except OSError:
                time.sleep(0.1)
        where = {"endpoint_url": endpoint, "region_name": "eu-west-1"}
        default = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing")
        sts = default.client("sts", **where)
        session = default
        held = 0
        for accounts in ACCOUNTS:
            while held < accounts:
                keys = sts.assume_role(RoleArn=f"arn:aws:iam::{100000000000 + held:012d}:role/sweep",
                                       RoleSessionName="account-cost")["Credentials"]
                session = boto3.session.Session(aws_access_key_id=keys["AccessKeyId"],
                                                aws_secret_access_key=keys["SecretAccessKey"],
                                                aws_session_token=keys["SessionToken"])
                held += 1
            print(f"{way}\t{accounts}\t{p50(default.client('cloudtrail', **where), rounds):.1f}"
                  f"\t{p50(session.client('cloudtrail', **where), rounds):.1f}", flush=True)
    finally:
        moto.terminate()
        moto.wait()


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    measure("index", False, rounds)
    measure("moto's scan", True, rounds)


if __name__ == "__main__":
    main()
