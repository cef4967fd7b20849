/**
 * The one LocalStack release the lab runs, natively from PyPI (`localstack-core`) and as the image
 * docker-compose.yml pins (`localstack/localstack:4.14.0`): 4.14.0 is the last community release
 * that starts without an auth token (from 2026.03.0 on, LocalStack refuses to start without one).
 */
export const LOCALSTACK_VERSION = '4.14.0';
