import * as migration_20261128_010201_initial from './20261128_010201_initial';

export const migrations = [
  {
    up: migration_20261128_010201_initial.up,
    down: migration_20261128_010201_initial.down,
    name: '20261128_010201_initial'
  },
];
