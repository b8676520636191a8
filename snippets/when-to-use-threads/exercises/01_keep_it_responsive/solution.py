import threading
import time


def save():
    time.sleep(1.5)  # writing a large file
    print("saved")


print("click: save")
saver = threading.Thread(target=save)
saver.start()
for n in range(1, 5):
    time.sleep(0.3)  # the user clicks again
    print(f"click {n} handled")
saver.join()
