import threading
import time


def heartbeat():
    while True:  # runs as long as the program does
        print("beat")
        time.sleep(0.4)


t = threading.Thread(target=heartbeat)
t.start()
time.sleep(1)
print("main: done")
