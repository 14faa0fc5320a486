# Sourced by bin/* and .ci/run: makes sure java on the PATH is 21 or newer, picking an installed newer JDK when the
# machine's default is older. Does nothing when JAVA_HOME already points at a suitable JDK.
java_major() { "$1" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print v[1]; exit}'; }

if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_major "$JAVA_HOME/bin/java")" -ge 21 ]; then
  export PATH="$JAVA_HOME/bin:$PATH"
elif command -v java >/dev/null && [ "$(java_major java)" -ge 21 ]; then
  # java on the PATH is new enough; make JAVA_HOME (which ./mvnw uses) agree with it.
  JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  export JAVA_HOME
else
  for candidate in /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25-* /usr/lib/jvm/temurin-21* /usr/lib/jvm/*-21-*; do
    if [ -x "$candidate/bin/java" ] && [ "$(java_major "$candidate/bin/java")" -ge 21 ]; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      break
    fi
  done
fi
if ! command -v java >/dev/null || [ "$(java_major java)" -lt 21 ]; then
  echo "ehr-connector needs a JDK 21 or newer; set JAVA_HOME" >&2
  exit 1
fi
