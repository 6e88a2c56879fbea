# cobro: one image for every role (`serve --role api|worker|all`). tsx runs the TypeScript sources at run time and esbuild
# builds the workspace, so both are runtime dependencies and `npm ci --omit=dev` keeps everything the server needs.
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
RUN npm run build:web

FROM node:20-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    COBRO_OPS_PORT=9464 \
    COBRO_DEMO=0 \
    COBRO_DATA_DIR=/data
WORKDIR /app
# the code stays root's and read-only to the server; only /data (PGlite, when DATABASE_URL is unset) is writable
COPY --from=build /app /app
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000 9464
# /health on the ops port answers in every role
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.COBRO_OPS_PORT+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# exec form: node is PID 1 and receives SIGTERM itself (cobro stops gracefully within COBRO_SHUTDOWN_TIMEOUT)
ENTRYPOINT ["node", "bin/cobro.js"]
CMD ["serve", "--role", "all"]
