import threading


class Settings(threading.local):  # (1)!
    def __init__(self):
        self.precision = 2  # (2)!


settings = Settings()
print(f"Default precision: {settings.precision}")
settings.precision = 5
print(f"Changed in this thread: {settings.precision}")

plain = threading.local()
try:
    plain.precision  # noqa: B018
except AttributeError:
    print("A plain local() has no attribute until this thread sets it")  # (3)!
