"""Reads and decodes every board item with pymongo, the way BoardSync's full read does (sorted by _id,
batches of 500), and prints one JSON object: documents read and seconds. Used by `boardsync-bench read`."""
import json
import sys
import time

from pymongo import MongoClient

uri, database = sys.argv[1], sys.argv[2]
client = MongoClient(uri)
collection = client[database]["board_items"]
collection.find_one()
started = time.perf_counter()
documents = list(collection.find({}, sort=[("_id", 1)], batch_size=500))
seconds = time.perf_counter() - started
print(json.dumps({"documents": len(documents), "seconds": seconds}))
