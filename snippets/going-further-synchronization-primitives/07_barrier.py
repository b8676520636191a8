import threading
import time


def all_arrived():
    print("Barrier: all 3 are ready, go!")  # (1)!


start_line = threading.Barrier(3, action=all_arrived)


def runner(name, warm_up):
    time.sleep(warm_up)
    print(f"{name} is ready")
    start_line.wait()  # (2)!
    print(f"{name} started")


threads = [
    threading.Thread(target=runner, args=(name, delay))
    for name, delay in [("Ann", 0.1), ("Bo", 0.2), ("Cy", 0.3)]
]
for t in threads:
    t.start()
for t in threads:
    t.join()
