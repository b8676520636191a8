import threading
import time


def save_document():
    time.sleep(1.5)  # (1)!
    print("Background: document saved")


saver = threading.Thread(target=save_document)
print("User clicked Save: saving in the background")
saver.start()

for click in range(1, 4):  # (2)!
    print(f"Main: handled click {click} while saving")
    time.sleep(0.3)

saver.join()
print("Main: all done")
