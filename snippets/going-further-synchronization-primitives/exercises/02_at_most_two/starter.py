import threading
import time

active = 0  # downloads running right now
most_active = 0
count_lock = threading.Lock()


def download(name):
    global active, most_active
    with count_lock:
        active += 1
        most_active = max(most_active, active)
    time.sleep(0.1)  # the server allows two connections at a time
    with count_lock:
        active -= 1


threads = [threading.Thread(target=download, args=(n,)) for n in range(6)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"Most downloads at once: {most_active}")
