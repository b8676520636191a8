import threading
import time


def read_records():
    for n in range(6):
        time.sleep(0.01)  # reading the next record from a file
        yield n


records = read_records()
done = []


def worker():
    for record in records:
        time.sleep(0.02)  # processing the record
        done.append(record)


threads = [threading.Thread(target=worker) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"Processed: {sorted(done)}")
