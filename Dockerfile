# The API image: dependencies, then the TypeScript build, then a slim runtime without dev tools or sources, run as
# the image's unprivileged "node" user. Build: docker build -t zorginkoop-exchange .
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# npm ci refuses this lockfile (jest lists optional binaries for other platforms); install honours it unchanged.
RUN npm install --no-audit --no-fund

FROM deps AS build
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
RUN npm run build

FROM deps AS runtime-deps
RUN npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
WORKDIR /app
COPY --from=runtime-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
USER node
EXPOSE 4000
# The server drains on SIGTERM (docker stop); node as PID 1 receives it directly, no shell in between.
CMD ["node", "dist/src/main.js"]
