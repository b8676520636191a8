import threading
import time

log = []


def runner(name, warm_up):
    start_line = threading.Barrier(3)
    time.sleep(warm_up)  # each runner needs its own time to get ready
    log.append(f"{name} ready")
    start_line.wait()
    log.append(f"{name} go")


threads = [
    threading.Thread(target=runner, args=(name, warm_up))
    for name, warm_up in [("Ann", 0.3), ("Bo", 0.1), ("Cy", 0.2)]
]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(log)
