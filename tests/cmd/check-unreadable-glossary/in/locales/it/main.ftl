needle = Il dry needling usa un ago sottile.
