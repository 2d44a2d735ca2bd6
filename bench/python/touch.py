"""valkka bench python: a client analyzer that touches one pixel of each frame (the framework's cost alone)."""


class Touch:
    def __init__(self, settings):
        self.sum = 0
        if settings.get("ready-file"):
            open(settings["ready-file"], "w").close()  # the bench starts its camera once the worker is up

    def analyze(self, frame):
        self.sum += int(frame.image[0, 0, 0])
        return None
