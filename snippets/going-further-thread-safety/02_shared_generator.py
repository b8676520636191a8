import threading
import time


def read_records():  # (1)!
    for n in range(6):
        time.sleep(0.01)  # reading the next record from a file, say
        yield n


records = read_records()
taken = []
errors = []


def worker():
    try:
        for record in records:
            taken.append(record)
    except ValueError as error:  # (2)!
        errors.append(str(error))


threads = [threading.Thread(target=worker) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"Errors: {errors}")
print(f"Records taken: {sorted(taken)}")
