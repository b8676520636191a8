import threading

THREADS = 4
INCREMENTS = 200_000  # per thread

counter = 0


def work():
    global counter
    for _ in range(INCREMENTS):
        counter += 1  # no lock!


threads = [threading.Thread(target=work) for _ in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

expected = THREADS * INCREMENTS
print(f"Expected counter: {expected}")
print(f"Actual counter:   {counter}")
print(f"Lost updates: {counter < expected}")
