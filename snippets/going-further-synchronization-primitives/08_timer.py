import threading


def remind(what):
    print(f"Reminder: {what}")


tea = threading.Timer(0.2, remind, args=["the tea is ready"])  # (1)!
meeting = threading.Timer(0.4, remind, args=["the meeting starts"])
tea.start()
meeting.start()

meeting.cancel()  # (2)!
print("Meeting reminder cancelled")

tea.join()
meeting.join()
print("Done")
