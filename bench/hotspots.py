"""Where a profiled run's time went: py-spy's collapsed stacks summed by process and by function.

Part of `make bench` (bench/run.py records `py-spy record --subprocesses --format raw`
of some runs; this module reads those files and writes bench/PROFILE.md's sections).

py-spy's raw output is one line per distinct stack with the number of samples
in which it was seen::

    process 7:"python -m fazhi.cli run x";process 9:"python -m uvicorn …";serve (uvicorn/main.py);run (asyncio/runners.py) 12

Frames are outermost first, separated by ``;``. A stack starts with one
``process PID:"command line"`` frame per process from the profiled one down to the
one sampled (a command line may itself contain ``;``, so those frames are read up to
their closing ``";``). A sample is 1/rate seconds of one thread that was running
(py-spy leaves idle threads out unless told otherwise), so seconds here are
thread-seconds: two workers busy for 10 s are 20 s.

py-spy's idle test lets through threads that wait in C (a lock, a queue, a
selector, a sleep: no Python frame shows the C call, so the innermost frame is the
caller's), and a runnable thread waiting for a core on a busy machine counts too.
Samples whose innermost frame is one of WAITING are therefore counted apart, as
waiting, and left out of the busy seconds and the self-time ranking.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

_PROCESS = re.compile(r'process (\d+):"')
# Innermost frames ("function (file)" as py-spy writes them, file beginnings allowed) that mean
# the thread is blocked: waits on a condition, event or join; selectors; thread-pool,
# multiprocessing-pool and aiosqlite workers idling on their queues; fazhi polling for the API
# and its workers' thread that sleeps until the parent is gone.
WAITING = ("Condition.wait (threading.py)", "Event.wait (threading.py)", "Thread.join (threading.py)",
           "Thread._wait_for_tstate_lock (threading.py)", "EpollSelector.select (selectors.py)",
           "_PollLikeSelector.select (selectors.py)", "PollSelector.select (selectors.py)",
           "_worker (concurrent/futures/thread.py)", "_connection_worker_thread (aiosqlite/",
           "Pool._handle_results (multiprocessing/pool.py)", "Pool._handle_tasks (multiprocessing/pool.py)",
           "Pool._handle_workers (multiprocessing/pool.py)", "wait (multiprocessing/connection.py)",
           "Queue.get (queue.py)", "_send_heartbeats.<locals>.heartbeat_loop (prefect/",
           "TemporaryApi.wait (fazhi/prefect_server.py)", "watch_parent.<locals>.watch (fazhi/lifecycle.py)")
_COUNT = re.compile(r"^(.*) (\d+)$")


@dataclass(frozen=True)
class Stack:
    """One line of the raw file: the processes from the profiled one down, the Python frames, the samples."""
    processes: tuple[tuple[int, str], ...]    # (pid, command line), outermost first
    frames: tuple[str, ...]                   # "function (file)", outermost first
    samples: int


@dataclass
class Profile:
    """A raw profile summed up; every figure in seconds of busy threads."""
    rate: int
    total_s: float = 0.0                                   # busy: every sample but the waiting ones
    waiting_s: dict[str, float] = field(default_factory=dict)   # role -> s blocked (see WAITING)
    by_role: dict[str, float] = field(default_factory=dict)
    processes_by_role: dict[str, int] = field(default_factory=dict)
    self_s: Counter = field(default_factory=Counter)        # (role, function) -> s as the innermost frame
    inclusive_s: Counter = field(default_factory=Counter)   # (role, function) -> s anywhere in the stack
    calls_s: Counter = field(default_factory=Counter)       # (role, fazhi caller, next fazhi callee) -> s


def parse_line(line: str) -> Stack | None:
    """One raw line as a Stack (None for a blank or unreadable line)."""
    m = _COUNT.match(line.rstrip("\n"))
    if not m:
        return None
    body, samples = m.group(1), int(m.group(2))
    processes = []
    while (p := _PROCESS.match(body)):
        end = body.find('";', p.end())
        if end < 0:       # the stack is the process frame alone (sampled between Python frames)
            end = body.rfind('"')
            if end < p.end():
                return None
        processes.append((int(p.group(1)), body[p.end():end]))
        body = body[end + 2:]
    frames = tuple(f for f in body.split(";") if f)
    return Stack(tuple(processes), frames, samples)


def role(processes: tuple[tuple[int, str], ...], api: bool = False, checks: bool = False) -> str:
    """What the sampled (innermost) process is: main, workers, check worker, Prefect API or other
    (named by its command). ``checks``: some stack of this process runs fazhi.check_worker.

    ``api``: some stack of this process runs Prefect's server code. py-spy keeps the command
    line it first saw, and a spawned process (the API, the workers) may be found between fork
    and exec, still under main's command line: what its stacks run decides first. Another
    process is named by its program and first arguments, without their folders.
    """
    if len(processes) <= 1:
        return "main"
    command = processes[-1][1]
    if api or "uvicorn" in command or "prefect server" in command or "prefect.server" in command:
        return "Prefect API"
    if checks:
        return "check worker"
    if "multiprocessing.spawn" in command or "multiprocessing-fork" in command:
        return "workers"
    if "resource_tracker" in command:
        return "multiprocessing resource tracker"
    return "other: " + _program(command)


def _program(command: str) -> str:
    """``/x/.venv/bin/python -m fazhi run /x/corpus`` -> ``python -m fazhi run``: no path of the machine."""
    words = command.split()
    kept = [Path(words[0]).name] if words else []
    for word in words[1:4]:
        if "/" in word:
            break
        kept.append(word)
    return " ".join(kept)


def _runs_api(frames: tuple[str, ...]) -> bool:
    return any("(uvicorn/" in f or "(prefect/server/" in f for f in frames)


def waiting(frame: str) -> bool:
    """Whether a thread whose innermost frame is ``frame`` is blocked rather than working."""
    return frame.startswith(WAITING)


def summarise(stacks: list[Stack], rate: int) -> Profile:
    """Busy seconds by role, by process count and by (role, function), self and inclusive; waiting apart."""
    profile = Profile(rate=rate)
    roles: Counter = Counter()
    waits: Counter = Counter()
    pids: dict[str, set[int]] = defaultdict(set)
    api = {s.processes[-1][0] for s in stacks if len(s.processes) > 1 and _runs_api(s.frames)}
    checker = {s.processes[-1][0] for s in stacks
               if len(s.processes) > 1 and any("(fazhi/check_worker.py)" in f for f in s.frames)}
    for stack in stacks:
        seconds = stack.samples / rate
        pid = stack.processes[-1][0] if stack.processes else None
        who = role(stack.processes, pid in api, pid in checker)
        if stack.processes:
            pids[who].add(stack.processes[-1][0])
        if stack.frames and waiting(stack.frames[-1]):
            waits[who] += seconds
            continue
        roles[who] += seconds
        if stack.frames:
            profile.self_s[(who, stack.frames[-1])] += seconds
        for frame in set(stack.frames):       # a recursive function counts once per sample
            profile.inclusive_s[(who, frame)] += seconds
        ours = [f for f in stack.frames if own_code(f)]
        for pair in set(zip(ours, ours[1:])):
            profile.calls_s[(who, *pair)] += seconds
    profile.total_s = sum(roles.values())
    profile.by_role = dict(roles.most_common())
    profile.waiting_s = dict(waits.most_common())
    profile.processes_by_role = {who: len(pids[who]) for who in pids}
    return profile


def read(path: Path, rate: int) -> Profile:
    """The Profile of a py-spy raw file recorded at ``rate`` samples a second."""
    with open(path, encoding="utf-8", errors="replace") as fh:
        return summarise([s for line in fh if (s := parse_line(line))], rate)


def own_code(function: str) -> bool:
    """A frame of fazhi itself (its steps), not of a library or the interpreter."""
    return "(fazhi/" in function


def passes_through(profile: Profile, who: str, function: str, share: float = 0.95) -> bool:
    """Whether fazhi's ``function`` spends ``share`` of its time in one fazhi function it calls (a wrapper)."""
    total = profile.inclusive_s[(who, function)]
    return any(s >= share * total for (w, caller, _), s in profile.calls_s.items() if w == who and caller == function)


def markdown(title: str, profile: Profile, wall_s: float | None = None, top: int = 12) -> str:
    """One run's section of PROFILE.md: seconds by process, then the top functions."""
    lines = [f"### {title}", ""]
    head = (f"{profile.total_s:.1f} s of busy threads sampled ({profile.rate} samples/s)"
            + (f" in a run of {wall_s:.1f} s wall" if wall_s else "")
            + f"; {sum(profile.waiting_s.values()):.1f} s more of threads waiting.")
    lines += [head, "", "| process | processes | busy s | share of busy | waiting s |", "|---|---|---|---|---|"]
    for who in [*profile.by_role, *(w for w in profile.waiting_s if w not in profile.by_role)]:
        seconds = profile.by_role.get(who, 0.0)
        lines.append(f"| {who} | {profile.processes_by_role.get(who, 0)} | {seconds:.1f} "
                     f"| {seconds / profile.total_s if profile.total_s else 0:.0%} | {profile.waiting_s.get(who, 0.0):.1f} |")
    lines += ["", f"Top {top} by self time (the function itself was running):", "",
              "| process | function | self s | inclusive s |", "|---|---|---|---|"]
    for (who, fn), seconds in profile.self_s.most_common(top):
        lines.append(f"| {who} | `{fn}` | {seconds:.1f} | {profile.inclusive_s[(who, fn)]:.1f} |")
    ours = Counter({k: v for k, v in profile.inclusive_s.items() if own_code(k[1]) and not passes_through(profile, *k)})
    lines += ["", f"Top {top} of fazhi's own functions by inclusive time (it or what it called was running; "
              "a function that spends 95 % of it in one fazhi function it calls is left out for that one):", "",
              "| process | function | inclusive s | self s |", "|---|---|---|---|"]
    for (who, fn), seconds in ours.most_common(top):
        lines.append(f"| {who} | `{fn}` | {seconds:.1f} | {profile.self_s[(who, fn)]:.1f} |")
    return "\n".join(lines) + "\n"


def document(profiles: list[tuple[str, Profile, float]], machine: dict) -> str:
    """The whole of bench/PROFILE.md: one section per profiled run (title, profile, wall seconds)."""
    head = [
        "# Where the time goes (py-spy, written by `make bench`)",
        "",
        f"Machine: {machine['cores']} cores, load average before the bench {machine['load_before']:.2f}; "
        f"{machine['date']}. Each run below was recorded by `py-spy record --subprocesses --format raw` "
        "(bench/run.py) and summed by bench/hotspots.py. Seconds are busy thread-seconds, summed over the "
        "threads and processes of the run (idle threads are not sampled), so they can exceed the wall time. "
        "Self time: the function itself was on top of the stack; inclusive: it was anywhere on the stack. "
        "The raw profiles are in bench/out/profile-*.txt (flame graphs: any collapsed-stack viewer).",
        "",
    ]
    return "\n".join(head) + "\n".join(markdown(title, p, wall) for title, p, wall in profiles)


def summary(profiles: list[tuple[str, Profile, float]], top: int = 3) -> str:
    """The README's few lines: busy seconds by process and the top self-time functions of each run."""
    lines = []
    for title, p, wall in profiles:
        roles = ", ".join(f"{who} {s:.1f} s" for who, s in p.by_role.items() if s >= 0.05 * p.total_s)
        tops = "; ".join(f"`{fn}` {s:.1f} s ({who})" for (who, fn), s in p.self_s.most_common(top))
        lines.append(f"- **{title}** ({wall:.1f} s wall): busy {p.total_s:.1f} s — {roles}. Top self time: {tops}.")
    return "\n".join(lines) + "\n\nThe whole profile: bench/PROFILE.md."
