/**
 * JMH versions of the {@code metarl bench} figures, for careful measurements (forked JVMs, JMH's own
 * warm-up and statistics). Run them from the repository root after {@code mvn -B -o install -pl
 * benchmarks}:
 *
 * <pre>
 * mvn -B -q -o -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * OMP_NUM_THREADS=1 java -cp benchmarks/target/classes:$(cat benchmarks/target/cp.txt) \
 *     org.openjdk.jmh.Main 'io.metarl.benchmarks.jmh.*' -f 1 -wi 3 -i 5
 * </pre>
 *
 * <p>Scores are operations per second; what one operation is is written on each benchmark.
 */
package io.metarl.benchmarks.jmh;
