import logging


class Screen:  # (1)!
    def __init__(self):
        self.writes = []

    def write(self, text):
        self.writes.append(text)

    def flush(self):
        pass


screen = Screen()
print("Downloaded", "/a", "in 0.1 s", file=screen)  # (2)!
print(f"print(): {len(screen.writes)} writes {screen.writes}")

screen.writes.clear()
handler = logging.StreamHandler(screen)
handler.setFormatter(logging.Formatter("%(threadName)s: %(message)s"))  # (3)!
log = logging.getLogger("downloads")
log.handlers = [handler]
log.warning("Downloaded %s in %.1f s", "/a", 0.1)  # (4)!
print(f"logging: {len(screen.writes)} write  {screen.writes}")
