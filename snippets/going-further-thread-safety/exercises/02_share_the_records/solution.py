import queue
import threading
import time

WORKERS = 2
STOP = object()


def read_records():
    for n in range(6):
        time.sleep(0.01)  # reading the next record from a file
        yield n


records = queue.Queue()
done = []


def worker():
    while (record := records.get()) is not STOP:
        time.sleep(0.02)  # processing the record
        done.append(record)


threads = [threading.Thread(target=worker) for _ in range(WORKERS)]
for t in threads:
    t.start()
for record in read_records():
    records.put(record)
for _ in threads:
    records.put(STOP)
for t in threads:
    t.join()
print(f"Processed: {sorted(done)}")
