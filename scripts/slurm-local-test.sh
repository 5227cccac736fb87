#!/usr/bin/env bash
# End-to-end test of cyberdip on a real (one-node) Slurm cluster:
#   install Slurm and munge from Debian's packages if missing, start munged, slurmctld and
#   slurmd on this machine, submit a sweep as a job array with `--shard auto`, wait, merge
#   the shards, compare the bytes with the same sweep run unsharded, and stop every daemon
#   this script started, by process id. Exit 0 only if the bytes match.
#
# Usage: bash scripts/slurm-local-test.sh        (as root; CI runs it from .ci/run)
# Env:   SHARDS (default 4), SWEEP (default tests/data/sweeps/small-sobol.toml),
#        WORK (scratch folder; default a fresh temp dir), CTLD_PORT/SLURMD_PORT.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
SHARDS=${SHARDS:-4}
SWEEP=${SWEEP:-tests/data/sweeps/small-sobol.toml}
WORK=${WORK:-$(mktemp -d)}
CTLD_PORT=${CTLD_PORT:-6817}
SLURMD_PORT=${SLURMD_PORT:-6818}
t0=$(date +%s)
say() { echo "[slurm-test $(( $(date +%s) - t0 ))s] $*"; }

PIDS=()   # daemons we started, oldest first; stopped newest first
stop_all() {
  local i
  for (( i=${#PIDS[@]}-1; i>=0; i-- )); do kill "${PIDS[i]}" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  PIDS=()
}
trap stop_all EXIT
fail() {
  echo "FAIL: $*" >&2
  for f in "$WORK"/log/*; do [ -f "$f" ] && { echo "== $f" >&2; tail -n 30 "$f" >&2; }; done
  exit 1
}

# 0. the binary
BIN="$REPO/target/release/cyberdip"
if [ ! -x "$BIN" ]; then say "building cyberdip"; cargo build --release --quiet; fi

# 1. Slurm and munge (postinst cannot start services without systemd: harmless here)
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null || ! command -v munged >/dev/null; then
  say "installing slurmctld slurmd slurm-client munge"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends slurmctld slurmd slurm-client munge >/dev/null
fi
say "$(slurmctld -V)"
mkdir -p "$WORK"/{etc,state,spool,log,run,out}

# 2. munge
if [ ! -s /etc/munge/munge.key ]; then
  mungekey --create --keyfile=/etc/munge/munge.key
  chown munge:munge /etc/munge/munge.key
  chmod 0400 /etc/munge/munge.key
fi
if munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  say "munged already running (not ours to stop)"
else
  install -d -o munge -g munge -m 0755 /run/munge
  setpriv --reuid=munge --regid=munge --init-groups /usr/sbin/munged -F >"$WORK/log/munged.out" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 50); do munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break; sleep 0.2; done
  munge -n | unmunge >/dev/null || fail "munged did not start"
  say "munged pid ${PIDS[-1]}"
fi

# 3. a one-node cluster: this host, on loopback
HOST=$(hostname -s)
MEM=$(( $(awk '/^MemAvailable:/{print int($2/1024)}' /proc/meminfo) * 9 / 10 ))
cat >"$WORK/etc/slurm.conf" <<CONF
ClusterName=cyberdip-ci
SlurmctldHost=$HOST(127.0.0.1)
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
AuthType=auth/munge
CredType=cred/munge
StateSaveLocation=$WORK/state
SlurmdSpoolDir=$WORK/spool
SlurmctldPidFile=$WORK/run/slurmctld.pid
SlurmdPidFile=$WORK/run/slurmd.pid
SlurmctldLogFile=$WORK/log/slurmctld.log
SlurmdLogFile=$WORK/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
ReturnToService=2
SchedulerParameters=batch_sched_delay=0
MailProg=/bin/true
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=$(nproc) RealMemory=$MEM State=UNKNOWN
PartitionName=ci Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$WORK/etc/slurm.conf"
for port in "$CTLD_PORT" "$SLURMD_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then fail "port $port is in use (another Slurm?)"; fi
done
slurmctld -D >"$WORK/log/slurmctld.out" 2>&1 &
PIDS+=($!)
for _ in $(seq 50); do scontrol ping 2>/dev/null | grep -q 'is UP' && break; sleep 0.2; done
scontrol ping | grep -q 'is UP' || fail "slurmctld did not come up"
slurmd -D -N "$HOST" >"$WORK/log/slurmd.out" 2>&1 &
PIDS+=($!)
state=
for _ in $(seq 60); do
  state=$(sinfo -h -n "$HOST" -o %t 2>/dev/null || true)
  [ "$state" = idle ] && break
  sleep 0.5
done
[ "$state" = idle ] || fail "node is '$state', not idle"
say "cluster up: node $HOST idle (slurmctld ${PIDS[-2]}, slurmd ${PIDS[-1]})"

# 4. the sweep as a job array, one shard per task, shard index from the environment
JOB=$(sbatch --parsable --array=0-$((SHARDS - 1)) -o "$WORK/log/task-%A_%a.out" -e "$WORK/log/task-%A_%a.err" \
  --chdir "$REPO" --wrap "$BIN sweep $SWEEP --out $WORK/out/shards --shard auto --quiet")
say "submitted array job $JOB ($SHARDS tasks)"
deadline=$(( $(date +%s) + 600 ))
while [ -n "$(squeue -h -j "$JOB" 2>/dev/null)" ]; do
  [ "$(date +%s)" -lt "$deadline" ] || { squeue; fail "job $JOB not done in 600 s"; }
  sleep 1
done
done_tasks=$(ls -d "$WORK"/out/shards/shard-*-of-* 2>/dev/null | wc -l)
[ "$done_tasks" -eq "$SHARDS" ] || { cat "$WORK"/log/task-*.err >&2 || true; fail "$done_tasks of $SHARDS shard folders"; }
say "array job done: $done_tasks shards"

# 5. merge, and the same sweep unsharded, then compare bytes
"$BIN" merge "$WORK/out/shards" --out "$WORK/out/merged"
"$BIN" sweep "$SWEEP" --out "$WORK/out/unsharded" --quiet
for f in points.csv runs.csv summary.csv sensitivity.csv; do
  if [ -e "$WORK/out/unsharded/$f" ] || [ -e "$WORK/out/merged/$f" ]; then
    cmp "$WORK/out/unsharded/$f" "$WORK/out/merged/$f" || fail "$f differs between the Slurm array and the unsharded run"
    say "$f identical ($(wc -l <"$WORK/out/merged/$f") lines)"
  fi
done

# 6. stop what we started
stop_all
say "PASS: Slurm job array of $SHARDS shards merged = unsharded, byte for byte"
