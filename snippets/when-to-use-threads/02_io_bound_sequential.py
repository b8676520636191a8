import time


def download(name):
    time.sleep(0.5)  # stands in for waiting on the network
    return f"{name}: done"


files = ["a.csv", "b.csv", "c.csv", "d.csv", "e.csv"]

start = time.perf_counter()
for name in files:
    print(download(name))
print(f"5 downloads in {time.perf_counter() - start:.1f} s")
