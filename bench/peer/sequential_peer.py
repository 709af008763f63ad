#!/usr/bin/env python3
"""The latency bench's yardstick: a plain sequential boto3 loop doing DriftWatch's work per message.

Per message, one after the other over warm clients: ReceiveMessage (long poll), DescribeTrails in the central region,
GetTrailStatus and GetEventSelectors in the trail's home region, GetItem of the recorded state, one
TransactWriteItems (state + transition) when the verdict changed, a POST to the webhook, DeleteMessage.
No retries, no concurrency, no telemetry, no outbox: the least a correct-looking script would do.

Usage: sequential_peer.py ENDPOINT CENTRAL_REGION QUEUE_URL WEBHOOK_URL STATE_TABLE TRANSITIONS_TABLE
Prints READY once its clients are warm; stops on end of stdin or a line "stop".
"""
import http.client
import json
import sys
import threading
import time
import urllib.parse
import uuid

import boto3
from botocore.config import Config


def main():
    endpoint, region, queue_url, webhook, state_table, transitions_table = sys.argv[1:7]
    config = Config(retries={"max_attempts": 1, "mode": "standard"}, max_pool_connections=4)
    session = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name=region)
    clients = {}

    def client(service, in_region=region):
        key = (service, in_region)
        if key not in clients:
            clients[key] = session.client(service, region_name=in_region, endpoint_url=endpoint, config=config)
        return clients[key]

    sqs = client("sqs")
    dynamo = client("dynamodb")
    # Warm every client and connection the loop uses before saying READY, as DriftWatch's first sweep does.
    for trail in client("cloudtrail").describe_trails()["trailList"]:
        home = trail.get("HomeRegion", region)
        client("cloudtrail", home).get_trail_status(Name=trail["TrailARN"])
        client("cloudtrail", home).get_event_selectors(TrailName=trail["TrailARN"])
    dynamo.get_item(TableName=state_table, Key={"AccountId": {"S": "peer-warmup"}}, ConsistentRead=True)
    opener = Webhook(webhook)
    stopping = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.read(), stopping.set()), daemon=True).start()
    print("READY", flush=True)

    while not stopping.is_set():
        received = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=1, WaitTimeSeconds=1,
                                       AttributeNames=["SentTimestamp"])
        for message in received.get("Messages", []):
            handle(message, client, dynamo, opener, state_table, transitions_table, region)
            sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])


def handle(message, client, dynamo, opener, state_table, transitions_table, region):
    body = json.loads(message["Body"])
    detail = body["detail"]
    account = "peer-" + detail["recipientAccountId"]
    compliant = False
    for trail in client("cloudtrail").describe_trails()["trailList"]:
        if not trail.get("IsMultiRegionTrail"):
            continue
        home = trail.get("HomeRegion", region)
        status = client("cloudtrail", home).get_trail_status(Name=trail["TrailARN"])
        selectors = client("cloudtrail", home).get_event_selectors(TrailName=trail["TrailARN"])
        covers = any(s.get("ReadWriteType", "All") == "All" and s.get("IncludeManagementEvents", True)
                     for s in selectors.get("EventSelectors", []))
        compliant = compliant or (status.get("IsLogging", False) and covers)
    verdict = "COMPLIANT" if compliant else "NON_COMPLIANT"
    item = dynamo.get_item(TableName=state_table, Key={"AccountId": {"S": account}}, ConsistentRead=True).get("Item")
    previous = item["Status"]["S"] if item else None
    version = int(item["Version"]["N"]) if item else 0
    if verdict == previous:
        return
    state = {"AccountId": {"S": account}, "Status": {"S": verdict}, "Version": {"N": str(version + 1)}}
    condition = {"ConditionExpression": "Version = :v", "ExpressionAttributeValues": {":v": {"N": str(version)}}} \
        if item else {"ConditionExpression": "attribute_not_exists(AccountId)"}
    dynamo.transact_write_items(TransactItems=[
        {"Put": {"TableName": state_table, "Item": state, **condition}},
        {"Put": {"TableName": transitions_table,
                 "Item": {"AccountId": {"S": account}, "TransitionKey": {"S": f"{version + 1:012d}"},
                          "From": {"S": previous or "UNKNOWN"}, "To": {"S": verdict},
                          "EventId": {"S": detail["eventID"]}},
                 "ConditionExpression": "attribute_not_exists(TransitionKey)"}},
    ])
    notice = {"type": "peer.transition", "id": str(uuid.uuid4()), "accountId": account, "to": verdict,
              "cause": {"kind": "event", "eventId": detail["eventID"], "eventName": detail["eventName"]},
              "sentAt": time.time()}
    opener.post(json.dumps(notice).encode())


class Webhook:
    """One kept-alive connection to the webhook (urllib would open one per POST)."""

    def __init__(self, url):
        self.url = urllib.parse.urlsplit(url)
        self.connection = None

    def post(self, body):
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(self.url.hostname, self.url.port, timeout=5)
            try:
                self.connection.request("POST", self.url.path, body=body, headers={"Content-Type": "application/json"})
                self.connection.getresponse().read()
                return
            except (http.client.HTTPException, OSError):
                self.connection.close()
                self.connection = None
                if attempt == 2:
                    raise


if __name__ == "__main__":
    main()
