"""Two threads add 1 to a global 1,000 times each, with no lock: at bytecode
granularity the simulator can switch between the read and the store of
`counter += 1`, and updates are lost (tests/test_simulator.py,
tests/browser/test_simulator_browser.py)."""

import threading

counter = 0


def work():
    global counter
    for _ in range(1000):
        counter += 1  # read, add, store: a switch in between loses an update


threads = [threading.Thread(target=work) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"counter = {counter}")
