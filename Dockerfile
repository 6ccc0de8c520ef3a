# The app image: `npm start` (the API, inbox and dashboard) and, with another command, the job
# workers (`npm run workers`) and `npm run deploy`. TypeScript runs through tsx, as in development,
# so the image runs exactly the source that was tested.
#
# Node 22 (LTS), not the Node 20 the tests run on here: the official client
# (@camunda8/orchestration-cluster-api 9.x) declares node >= 22, and Node 20 is past its end of life.
FROM node:22.20.0-bookworm-slim

# No npm update check at every `npm start`: the container has no business calling the registry.
ENV NODE_ENV=production NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /app

COPY package.json package-lock.json ./
# --ignore-scripts: no install script needs to run in production (esbuild, used by tsx, ships its
# binary as a platform package). Dev dependencies stay out: tests and linting do not run here.
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force

COPY . .

# The image's own user, not root, and it cannot change the app's files: the web pages are bundled
# in memory at start and every piece of data lives in PostgreSQL.
USER node
EXPOSE 3000
CMD ["npm", "start"]
