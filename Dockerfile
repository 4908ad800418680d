# The hub's image for production mode. Build the jar first (mvn -DskipTests package), then
# docker compose build. Routes and letter templates are files the office may edit: mount over them if needed.
FROM eclipse-temurin:17-jre
WORKDIR /app
COPY target/emulation-hub.jar /app/emulation-hub.jar
COPY routes /app/routes
COPY templates /app/templates
RUN useradd --system --home /app tdkt && mkdir -p /app/data && chown tdkt /app/data
USER tdkt
ENV TDKT_HTTP_HOST=0.0.0.0
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=10s --retries=5 \
  CMD ["java", "-cp", "/app/emulation-hub.jar", "vn.tdkt.hub.app.HealthCheck", "http://127.0.0.1:8080/health/ready"]
# C1 only (-XX:TieredStopAtLevel=1): on 2 cores the C2 compiler competed with the intake for minutes after each
# start; a fixed young generation of 192 MB (-Xmn192m): G1's own sizing kept it at 13 - 87 MB, and the peak heap
# used in the throughput runs went from 312 - 346 to 224 - 284 MiB (the same speed); see README "Performance"
ENTRYPOINT ["java", "-Xmx512m", "-Xmn192m", "-XX:TieredStopAtLevel=1", "-jar", "/app/emulation-hub.jar"]
