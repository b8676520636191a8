import threading

results = []  # one list, visible to every thread of the process


def worker(n):
    results.append(n * n)  # (1)!


threads = [threading.Thread(target=worker, args=(n,)) for n in range(5)]
for t in threads:
    t.start()
for t in threads:
    t.join()

print(f"The main thread sees: {sorted(results)}")  # (2)!
