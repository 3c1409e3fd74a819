import * as migration_20261128_010201_initial from './20261128_010201_initial';
import * as migration_20261128_013126_photo_provenance from './20261128_013126_photo_provenance';
import * as migration_20261128_053042_serving_at_scale from './20261128_053042_serving_at_scale';
import * as migration_20261128_155621_snapshot_renderer_version from './20261128_155621_snapshot_renderer_version';
import * as migration_20261128_164116_photo_visibility from './20261128_164116_photo_visibility';
import * as migration_20261128_171229_rights_expiry from './20261128_171229_rights_expiry';
import * as migration_20261128_184625_needs_attention from './20261128_184625_needs_attention';
import * as migration_20261128_190824_issuer_confirmation from './20261128_190824_issuer_confirmation';
import * as migration_20261128_200248_statements_and_languages from './20261128_200248_statements_and_languages';
import * as migration_20261128_224305_delivery_tier from './20261128_224305_delivery_tier';

export const migrations = [
  {
    up: migration_20261128_010201_initial.up,
    down: migration_20261128_010201_initial.down,
    name: '20261128_010201_initial',
  },
  {
    up: migration_20261128_013126_photo_provenance.up,
    down: migration_20261128_013126_photo_provenance.down,
    name: '20261128_013126_photo_provenance',
  },
  {
    up: migration_20261128_053042_serving_at_scale.up,
    down: migration_20261128_053042_serving_at_scale.down,
    name: '20261128_053042_serving_at_scale',
  },
  {
    up: migration_20261128_155621_snapshot_renderer_version.up,
    down: migration_20261128_155621_snapshot_renderer_version.down,
    name: '20261128_155621_snapshot_renderer_version',
  },
  {
    up: migration_20261128_164116_photo_visibility.up,
    down: migration_20261128_164116_photo_visibility.down,
    name: '20261128_164116_photo_visibility',
  },
  {
    up: migration_20261128_171229_rights_expiry.up,
    down: migration_20261128_171229_rights_expiry.down,
    name: '20261128_171229_rights_expiry',
  },
  {
    up: migration_20261128_184625_needs_attention.up,
    down: migration_20261128_184625_needs_attention.down,
    name: '20261128_184625_needs_attention',
  },
  {
    up: migration_20261128_190824_issuer_confirmation.up,
    down: migration_20261128_190824_issuer_confirmation.down,
    name: '20261128_190824_issuer_confirmation',
  },
  {
    up: migration_20261128_200248_statements_and_languages.up,
    down: migration_20261128_200248_statements_and_languages.down,
    name: '20261128_200248_statements_and_languages',
  },
  {
    up: migration_20261128_224305_delivery_tier.up,
    down: migration_20261128_224305_delivery_tier.down,
    name: '20261128_224305_delivery_tier'
  },
];
