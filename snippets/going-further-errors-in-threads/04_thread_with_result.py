import threading


class ResultThread(threading.Thread):
    """A thread whose join() returns the function's result or re-raises."""

    def __init__(self, function, *args):
        super().__init__()
        self.function = function
        self.function_args = args
        self.result = None
        self.error = None

    def run(self):  # (1)!
        try:
            self.result = self.function(*self.function_args)
        except Exception as error:
            self.error = error  # (2)!

    def join(self, timeout=None):
        super().join(timeout)
        if self.is_alive():
            raise TimeoutError(f"{self.name} is still running")
        error, self.error = self.error, None  # (3)!
        if error is None:
            return self.result
        try:
            raise error  # (4)!
        finally:
            del error  # (5)!


def parse(text):
    return int(text)


good = ResultThread(parse, "42")
bad = ResultThread(parse, "forty-two")
good.start()
bad.start()
print(f"good.join() returned {good.join()}")
try:
    bad.join()
except ValueError as error:
    print(f"bad.join() raised ValueError: {error}")
