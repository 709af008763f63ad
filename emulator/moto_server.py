"""moto_server, with DynamoDB's item operations made atomic with respect to each other, and two costs that grew with
what moto holds taken out.

moto 5.2.1 serves requests on several threads, and a TransactWriteItems that is cancelled (a condition failed) puts
back a deep copy of every table it named, taken when it began. Any write another request committed to those tables
in the meantime, to any item, is silently undone. Real DynamoDB never loses a committed write: with two workers racing
for one account (the loser's transaction is cancelled by design), moto alone loses the winner's transition now and
then. Holding one lock across DynamoDB's item operations restores what DynamoDB guarantees.
moto also makes every TransactWriteItems deep-copy each table it names, once per item, so that it can put the copies
back if the transaction is cancelled: a transaction's cost grows with everything stored in those tables, and the
garbage it leaves brings Python's collector in at random, which is where moto's latency tail came from. Under the
lock above nothing else writes while a transaction runs, so undoing the transaction's own items is enough: before
it runs, the items it names are copied (one each), the tables are not, and a cancelled transaction puts those items
back. A transaction then costs what its items cost, as in DynamoDB. DRIFTWATCH_MOTO_TABLE_COPIES=1 keeps moto's copies
(to measure what they cost).
Two of moto's costs also grow with what it holds, where AWS's do not (emulator/README.md, last section): every
request looks for its access key in every account's IAM backend (with 1,000 accounts, 5-9 ms a request), and every
SendMessage reads the time once per stored message through moto's datetime arithmetic. The emulator answers the first
from an index of the keys moto issued and reads the second through time.time(): the same answers, at a cost that does
not grow. DRIFTWATCH_MOTO_ACCOUNT_SCAN=1 and DRIFTWATCH_MOTO_SQS_CLOCK=1 keep moto's own.

SQS's DeleteMessage rebuilds the queue's message list and assigns it back outside the lock SendMessage appends under,
so a concurrent delete or send was undone: a deleted message came back, a sent one could vanish. The emulator holds
the queue's lock across a delete (always: SQS never does either).

Usage is moto_server's: python3 emulator/moto_server.py -H 127.0.0.1 -p 5000
"""

import copy
import functools
import os
import sys
import threading
import time

import moto.dynamodb.models as dynamodb_models
import moto.iam.models as iam_models
import moto.sqs.models as sqs_models
from moto.core import DEFAULT_ACCOUNT_ID
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.dynamo_type import DynamoType
from moto.dynamodb.models.table import Table
from moto.server import main

# Re-entrant: a transaction calls get_item, put_item, update_item and delete_item while holding it.
_ITEMS = threading.RLock()

_ITEM_OPERATIONS = (
    "get_item",
    "put_item",
    "update_item",
    "delete_item",
    "query",
    "scan",
    "transact_write_items",
    "execute_statement",
    "execute_transaction",
    "batch_execute_statement",
)


def _one_at_a_time(operation):
    @functools.wraps(operation)
    def serialized(*args, **kwargs):
        with _ITEMS:
            return operation(*args, **kwargs)

    return serialized


for _name in _ITEM_OPERATIONS:
    setattr(DynamoDBBackend, _name, _one_at_a_time(getattr(DynamoDBBackend, _name)))


# Set while a transaction runs under _ITEMS: moto's "copy" of a table is then the table itself, and the transaction's
# own items are put back instead (_undoing_items).
_IN_TRANSACTION = threading.local()


class _TablesAsThemselves:
    """The copy module as moto's DynamoDB models see it, except that a table copied inside a transaction is not copied."""

    def __getattr__(self, name):
        return getattr(copy, name)

    @staticmethod
    def deepcopy(value, memo=None):
        if isinstance(value, Table) and getattr(_IN_TRANSACTION, "active", False):
            return value
        return copy.deepcopy(value, memo)


def _key_of(table, op_type, op):
    """The (hash, range) key a transaction item names, as the table stores it; None when moto will refuse the item."""
    attrs = op.get("Item") if op_type == "Put" else op.get("Key")
    if not isinstance(attrs, dict) or table.hash_key_attr not in attrs:
        return None
    hash_value = DynamoType(attrs[table.hash_key_attr])
    if table.range_key_attr is None:
        return hash_value, None
    if table.range_key_attr not in attrs:
        return None
    return hash_value, DynamoType(attrs[table.range_key_attr])


def _put_back(table, hash_value, range_value, item):
    """Restores one stored item (or its absence) exactly as it was."""
    if range_value is None:
        if item is None:
            table.items.pop(hash_value, None)
        else:
            table.items[hash_value] = item
    elif item is None:
        table.items[hash_value].pop(range_value, None)
    else:
        table.items[hash_value][range_value] = item


def _undoing_items(transact_write_items):
    @functools.wraps(transact_write_items)
    def transaction(self, transact_items):
        with _ITEMS:
            saved = []
            streams = {}
            for entry in transact_items if isinstance(transact_items, list) else []:
                if not isinstance(entry, dict) or len(entry) != 1:
                    continue
                op_type, op = next(iter(entry.items()))
                table = self.tables.get(op.get("TableName")) if isinstance(op, dict) else None
                key = _key_of(table, op_type, op) if table is not None else None
                if key is None:
                    continue
                saved.append((table, key[0], key[1], copy.deepcopy(table.get_item(key[0], key[1]))))
                if table.stream_shard is not None:
                    streams.setdefault(id(table), (table.stream_shard, len(table.stream_shard.items)))
            _IN_TRANSACTION.active = True
            try:
                return transact_write_items(self, transact_items)
            except BaseException:
                # Last saved first: an item named twice (which moto refuses) ends as it was before the first.
                for table, hash_value, range_value, item in reversed(saved):
                    _put_back(table, hash_value, range_value, item)
                for shard, length in streams.values():
                    del shard.items[length:]
                raise
            finally:
                _IN_TRANSACTION.active = False

    return transaction


if os.environ.get("DRIFTWATCH_MOTO_TABLE_COPIES") != "1":
    dynamodb_models.copy = _TablesAsThemselves()
    DynamoDBBackend.transact_write_items = _undoing_items(DynamoDBBackend.transact_write_items)


def _wall_clock(moto_reading, scale):
    """moto's reading of an explicit datetime, and the wall clock itself when asked for now (the same value)."""

    @functools.wraps(moto_reading)
    def reading(dt=None):
        return moto_reading(dt) if dt is not None else time.time() * scale

    return reading


if os.environ.get("DRIFTWATCH_MOTO_SQS_CLOCK") != "1":
    sqs_models.unix_time = _wall_clock(sqs_models.unix_time, 1.0)
    sqs_models.unix_time_millis = _wall_clock(sqs_models.unix_time_millis, 1000.0)


def _holding_the_queue(delete):
    """moto's delete, under the lock its SendMessage holds to append (the Condition its long polls wait on)."""

    @functools.wraps(delete)
    def deleting(self, receipt_handle):
        with self._messages_lock:
            delete(self, receipt_handle)

    return deleting


# Not optional: without it a deleted message can come back and a sent one can vanish, which SQS never does.
sqs_models.Queue.delete_message = _holding_the_queue(sqs_models.Queue.delete_message)


# The IAM backend holding each access key moto has issued (IAM users' keys and STS sessions alike: moto stores both
# through these two methods and deletes through the third).
_KEY_OWNERS = {}


def _indexing(create):
    @functools.wraps(create)
    def creating(self, *args, **kwargs):
        key = create(self, *args, **kwargs)
        _KEY_OWNERS[key.access_key_id] = self
        return key

    return creating


def _unindexing(delete):
    @functools.wraps(delete)
    def deleting(self, name):
        delete(self, name)
        _KEY_OWNERS.pop(name, None)

    return deleting


def _account_of(access_key):
    """The account whose IAM backend holds the key (moto's reset empties a backend in place), else moto's default."""
    owner = _KEY_OWNERS.get(access_key)
    return owner.account_id if owner is not None and access_key in owner.access_keys else DEFAULT_ACCOUNT_ID


if os.environ.get("DRIFTWATCH_MOTO_ACCOUNT_SCAN") != "1":
    iam_models.IAMBackend.create_access_key = _indexing(iam_models.IAMBackend.create_access_key)
    iam_models.IAMBackend.create_temp_access_key = _indexing(iam_models.IAMBackend.create_temp_access_key)
    iam_models.IAMBackend.delete_access_key_by_name = _unindexing(iam_models.IAMBackend.delete_access_key_by_name)
    iam_models.get_account_id_from = _account_of


if __name__ == "__main__":
    sys.exit(main())
