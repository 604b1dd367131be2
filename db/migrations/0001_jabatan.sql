-- The positions (jabatan) of a KUBE. Core officers per Permensos 2/2019; the two divisions come from the
-- program "Maju Bersama KUBE Berdaya". More divisions are added as rows, not as code.
INSERT INTO `jabatan` (`code`, `name`, `division`, `is_core`, `single_holder`, `sort_order`) VALUES
  ('ketua', 'Ketua', 'inti', 1, 1, 10),
  ('sekretaris', 'Sekretaris', 'inti', 1, 1, 20),
  ('bendahara', 'Bendahara', 'inti', 1, 1, 30),
  ('koordinator_marketing', 'Koordinator Divisi Marketing', 'marketing', 0, 1, 40),
  ('anggota_marketing', 'Anggota Divisi Marketing', 'marketing', 0, 0, 50),
  ('koordinator_pemberdayaan', 'Koordinator Divisi Pemberdayaan', 'pemberdayaan', 0, 1, 60),
  ('anggota_pemberdayaan', 'Anggota Divisi Pemberdayaan', 'pemberdayaan', 0, 0, 70);
