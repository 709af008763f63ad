"""moto_server, with DynamoDB's item operations made atomic with respect to each other.

moto 5.2.1 serves requests on several threads, and a TransactWriteItems that is cancelled (a condition failed) puts
back a deep copy of every table it named, taken when it began. Any write another request committed to those tables
in the meantime, to any item, is silently undone. Real DynamoDB never loses a committed write: with two workers racing
for one account (the loser's transaction is cancelled by design), moto alone loses the winner's transition now and
then. Holding one lock across DynamoDB's item operations restores what DynamoDB guarantees; every other service runs
as moto ships it. Usage is moto_server's: python3 emulator/moto_server.py -H 127.0.0.1 -p 5000
"""

import functools
import sys
import threading

from moto.dynamodb.models import DynamoDBBackend
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

if __name__ == "__main__":
    sys.exit(main())
