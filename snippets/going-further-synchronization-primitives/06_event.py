import threading
import time

config_loaded = threading.Event()  # (1)!
config = {}


def load_config():
    time.sleep(0.2)  # reading a file, say
    config["workers"] = 4
    print("Loader: config loaded")
    config_loaded.set()  # (2)!


threading.Thread(target=load_config).start()

print(f"Main: ready after 0.05 s? {config_loaded.wait(timeout=0.05)}")  # (3)!
print(f"Main: ready after waiting? {config_loaded.wait(timeout=5)}")
print(f"Main: starting {config['workers']} workers")
